namespace GisBridge.Algorithms.Common;

/// <summary>
/// Splits [0, count) into contiguous ranges and runs them on the thread pool, for the grid-sized passes that
/// would otherwise leave a core idle (trend fit, value checks, trend and mask restore). The split depends only on
/// <c>count</c> and <c>minimumLength</c>, not on the machine, so reductions combined range by range in order
/// give the same bits everywhere.
/// </summary>
public static class ParallelRanges
{
    private const int MaxRanges = 64;

    /// <summary>The ranges [start, end) used for <paramref name="count"/> items, each at least
    /// <paramref name="minimumLength"/> long (except when count is smaller), at most 64 of them.</summary>
    public static (int Start, int End)[] Split(int count, int minimumLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumLength);
        if (count == 0) return [];
        int ranges = Math.Clamp(count / minimumLength, 1, MaxRanges);
        var result = new (int, int)[ranges];
        for (int i = 0; i < ranges; i++)
            result[i] = ((int)((long)count * i / ranges), (int)((long)count * (i + 1) / ranges));
        return result;
    }

    /// <summary>Runs <paramref name="body"/>(start, end) for every range of <see cref="Split"/>, in parallel.</summary>
    public static void For(int count, int minimumLength, Action<int, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var ranges = Split(count, minimumLength);
        if (ranges.Length == 1) { body(ranges[0].Start, ranges[0].End); return; }
        Parallel.For(0, ranges.Length, i => body(ranges[i].Start, ranges[i].End));
    }

    /// <summary>One result per range (in range order), computed in parallel: combine them in order for a
    /// machine-independent reduction.</summary>
    public static T[] Map<T>(int count, int minimumLength, Func<int, int, T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var ranges = Split(count, minimumLength);
        var results = new T[ranges.Length];
        if (ranges.Length == 1) results[0] = body(ranges[0].Start, ranges[0].End);
        else Parallel.For(0, ranges.Length, i => results[i] = body(ranges[i].Start, ranges[i].End));
        return results;
    }
}
