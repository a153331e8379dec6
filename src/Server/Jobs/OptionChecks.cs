using System.Globalization;

namespace GisBridge.Server.Jobs;

/// <summary>
/// The checks the jobs' <see cref="IJob{TOptions}.Validate"/> share: a proto field out of its range is refused as
/// INVALID_ARGUMENT "field: reason" before the job takes a slot. Zero is the proto default ("unset") and is allowed
/// wherever the job has a default for it.
/// </summary>
public static class OptionChecks
{
    /// <summary>Largest chart side in pixels (a chart is drawn in memory: 10000^2 x 4 bytes).</summary>
    public const int MaxChartPixels = 10_000;

    public static void Defined<T>(T value, string field) where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw new JobInputException(field, $"{Convert.ToInt32(value, CultureInfo.InvariantCulture)} is not a value of {typeof(T).Name} " +
                $"({string.Join(", ", Enum.GetNames<T>())})");
    }

    /// <summary>An integer in [min, max]; 0 also when <paramref name="zeroIsDefault"/>.</summary>
    public static void Range(int value, int min, int max, string field, bool zeroIsDefault = true)
    {
        if (zeroIsDefault && value == 0) return;
        if (value < min || value > max)
            throw new JobInputException(field, $"must be {min}..{max}{(zeroIsDefault ? " (0 = default)" : "")}, got {value}");
    }

    /// <summary>A finite number in [min, max]; 0 also when <paramref name="zeroIsDefault"/>.</summary>
    public static void Range(double value, double min, double max, string field, bool zeroIsDefault = true)
    {
        if (zeroIsDefault && value == 0) return;
        if (!double.IsFinite(value) || value < min || value > max)
            throw new JobInputException(field, $"must be a number in [{F(min)}, {F(max)}]{(zeroIsDefault ? " (0 = default)" : "")}, got {F(value)}");
    }

    /// <summary>Chart width and height: 0 (default) or 1..<see cref="MaxChartPixels"/>.</summary>
    public static void ChartSize(int width, int height)
    {
        Range(width, 1, MaxChartPixels, "width");
        Range(height, 1, MaxChartPixels, "height");
    }

    /// <summary>At most <paramref name="max"/> entries in a repeated field.</summary>
    public static void Count(int count, int max, string field)
    {
        if (count > max) throw new JobInputException(field, $"{count} entries, at most {max} are accepted");
    }

    /// <summary>One of the given words (case and surrounding blanks ignored); empty = the default.</summary>
    public static void OneOf(string? value, string field, params string[] words)
    {
        var v = (value ?? "").Trim().ToLowerInvariant();
        if (v.Length > 0 && !words.Contains(v))
            throw new JobInputException(field, $"'{value}' is not {string.Join(", ", words[..^1])} or {words[^1]}");
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
