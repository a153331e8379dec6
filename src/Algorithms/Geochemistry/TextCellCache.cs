namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// Raw cell text -> cleaned string, looked up by span so that repeated values (province, material, author)
/// are one string object: far fewer allocations and garbage-collector copies on large tables.
/// Stops growing after <see cref="MaxEntries"/> distinct values (then strings are made per cell).
/// </summary>
internal sealed class TextCellCache
{
    public const int MaxEntries = 20_000;
    private readonly Dictionary<string, string> _map = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public TextCellCache() => _lookup = _map.GetAlternateLookup<ReadOnlySpan<char>>();

    public bool TryGet(ReadOnlySpan<char> raw, out string value) => _lookup.TryGetValue(raw, out value!);

    public void Add(ReadOnlySpan<char> raw, string cleaned)
    {
        if (_map.Count < MaxEntries) _lookup.TryAdd(raw, cleaned);
    }
}
