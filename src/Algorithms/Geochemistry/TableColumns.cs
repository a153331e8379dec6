using System.Runtime.CompilerServices;
using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// Column buffers filled row by row from token spans, plus the per-row location logic: MIN/MAX coordinates
/// averaged (across the antimeridian too), longitudes 0..360 moved to -180..180, rows without a location
/// dropped. Every column writes its slot of every row, so a dropped row is simply overwritten by the next.
/// </summary>
internal sealed class TableColumns
{
    /// <summary>Hot-loop view of a numeric column (struct array: no casts, no list indexers per cell).</summary>
    private struct NumericSlot
    {
        public int Source, Spec;
        public double[] Buffer;
        public int Main; // alternative column: the numeric slot of the main column whose gaps it fills, else -1
        public double Scale;
        public bool ZeroIsMissing;
    }

    private struct TextSlot
    {
        public int Source;
        public string?[] Buffer;
        public bool StripCitation;
        public TextCellCache Cache;
    }

    private readonly List<ColumnSpec> _specs;
    private readonly object[] _buffers; // double[] for numeric specs, string?[] for text and auto specs
    private readonly ReaderOptions _options;
    private readonly ImportReport _report;
    private readonly int _lat = -1, _lon = -1, _latMin = -1, _latMax = -1, _lonMin = -1, _lonMax = -1;
    private readonly double[] _latitude, _longitude;
    private NumericSlot[] _numeric = [];
    private TextSlot[] _text = [];
    // Numbers are parsed row-major into a small block (numeric slots, then latitude and longitude; it stays in the
    // cache) and go to the column buffers a block at a time, each column as one contiguous run, instead of ~70
    // scattered stores per row. Kept rows [Rows - _blockRows, Rows) of this view are still in the block.
    private const int BlockRows = 64;
    private double[]? _block;
    private int _blockRows;
    private int _latSlot = -1, _lonSlot = -1, _latMinSlot = -1, _latMaxSlot = -1, _lonMinSlot = -1, _lonMaxSlot = -1;

    public TableColumns(List<ColumnSpec> specs, int capacity, ReaderOptions options, ImportReport report)
    {
        _specs = specs;
        _options = options;
        _report = report;
        _buffers = new object[specs.Count];
        // Numbers are not zeroed first: ReadRow writes every numeric slot of a row before anything reads it, and
        // only written rows are kept. Their first touch (page faults) then falls on the threads that parse the rows.
        double[] latitude = [], longitude = [];
        WithoutCollections(8L * capacity * (specs.Count + 2), () =>
        {
            latitude = GC.AllocateUninitializedArray<double>(capacity);
            longitude = GC.AllocateUninitializedArray<double>(capacity);
            for (int i = 0; i < specs.Count; i++)
                _buffers[i] = specs[i].IsText || specs[i].Auto ? new string?[capacity] : GC.AllocateUninitializedArray<double>(capacity);
        });
        (_latitude, _longitude) = (latitude, longitude);
        for (int i = 0; i < specs.Count; i++)
        {
            var s = specs[i];
            if (s.Alternative) continue;
            switch (s.Target)
            {
                case SampleTable.Latitude: _lat = i; break;
                case SampleTable.Longitude: _lon = i; break;
                case HeaderAliases.LatitudeMin: _latMin = i; break;
                case HeaderAliases.LatitudeMax: _latMax = i; break;
                case HeaderAliases.LongitudeMin: _lonMin = i; break;
                case HeaderAliases.LongitudeMax: _lonMax = i; break;
            }
        }
        BuildSlots();
    }

    /// <summary>
    /// Runs <paramref name="allocate"/> (tens of MB of large arrays at once) without the full collections that the
    /// large-object budget would start midway: two of them cost about 45 ms of a 100,000-row read, when nothing is
    /// garbage yet. Best effort: skipped where another no-GC region is active or the size is beyond what the runtime
    /// allows; ended early (harmlessly) when other threads allocate much meanwhile.
    /// </summary>
    private static void WithoutCollections(long bytes, Action allocate)
    {
        bool region = false;
        try
        {
            // Below about 16 MB the budget starts no collection (and the region's own set-up would cost more).
            region = bytes >= 16L << 20 && GC.TryStartNoGCRegion(bytes + (1L << 20));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // Too large for a region, or one is active already: allocate as usual.
        }
        try
        {
            allocate();
        }
        finally
        {
            if (region && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
            {
                try
                {
                    GC.EndNoGCRegion();
                }
                catch (InvalidOperationException)
                {
                    // Another thread's allocations ended the region first.
                }
            }
        }
    }

    /// <summary>
    /// A view for one part of a file parsed on another thread: same buffers and column plan (units applied so far),
    /// rows from <paramref name="firstRow"/> on, its own report, and the text caches of <paramref name="cachesFrom"/>
    /// (a view the same thread used before) or new ones (neither reports nor caches are thread-safe).
    /// </summary>
    private TableColumns(TableColumns whole, int firstRow, ImportReport report, TableColumns? cachesFrom)
    {
        _specs = [.. whole._specs];
        _buffers = whole._buffers;
        _options = whole._options;
        _report = report;
        (_lat, _lon, _latMin, _latMax, _lonMin, _lonMax) = (whole._lat, whole._lon, whole._latMin, whole._latMax, whole._lonMin, whole._lonMax);
        _latitude = whole._latitude;
        _longitude = whole._longitude;
        _firstRow = firstRow;
        BuildSlots(cachesFrom?._text);
        if (cachesFrom is not null)
        {
            // The same thread's earlier view is done: its block is flushed and taken over (no fresh memory per part).
            cachesFrom.Flush();
            (_block, cachesFrom._block) = (cachesFrom._block, null);
        }
    }

    private readonly int _firstRow;

    public int Rows { get; private set; }

    /// <summary>Row slots left from <paramref name="firstRow"/> on (a part must not write past them); text caches
    /// taken over from <paramref name="cachesFrom"/>, an earlier part view of the same thread, when given.</summary>
    public TableColumns Part(int firstRow, ImportReport report, TableColumns? cachesFrom = null) => new(this, firstRow, report, cachesFrom);

    /// <summary>Moves the rows of <paramref name="part"/> right after this table's rows (parts are appended in file order).</summary>
    public void Append(TableColumns part)
    {
        if (part._buffers != _buffers) throw new ArgumentException("not a part of this table", nameof(part));
        Flush();
        part.Flush();
        int to = _firstRow + Rows;
        if (part._firstRow != to)
        {
            foreach (var buffer in _buffers) Array.Copy((Array)buffer, part._firstRow, (Array)buffer, to, part.Rows);
            Array.Copy(_latitude, part._firstRow, _latitude, to, part.Rows);
            Array.Copy(_longitude, part._firstRow, _longitude, to, part.Rows);
        }
        Rows += part.Rows;
    }

    /// <summary>Whether columns of <paramref name="specs"/> would have <see cref="HasCoordinates"/>.</summary>
    public static bool HasCoordinateSpecs(List<ColumnSpec> specs)
    {
        bool Has(params string[] targets) => specs.Any(s => !s.Alternative && targets.Contains(s.Target));
        return Has(SampleTable.Latitude, HeaderAliases.LatitudeMin, HeaderAliases.LatitudeMax)
            && Has(SampleTable.Longitude, HeaderAliases.LongitudeMin, HeaderAliases.LongitudeMax);
    }

    public bool HasCoordinates => (_lat >= 0 || _latMin >= 0 || _latMax >= 0) && (_lon >= 0 || _lonMin >= 0 || _lonMax >= 0);

    private void BuildSlots(TextSlot[]? caches = null)
    {
        var mainByTarget = new Dictionary<string, int>(StringComparer.Ordinal);
        var slotOfSpec = new int[_specs.Count];
        for (int i = 0, k = 0; i < _specs.Count; i++)
        {
            slotOfSpec[i] = _buffers[i] is double[] ? k++ : -1;
            if (!_specs[i].Alternative && slotOfSpec[i] >= 0) mainByTarget[_specs[i].Target] = slotOfSpec[i];
        }
        var numeric = new List<NumericSlot>();
        var text = new List<TextSlot>();
        for (int i = 0; i < _specs.Count; i++)
        {
            var s = _specs[i];
            if (_buffers[i] is string?[] cells)
                text.Add(new TextSlot { Source = s.Source, Buffer = cells, StripCitation = s.IsText, Cache = caches?[text.Count].Cache ?? new TextCellCache() });
            else
                numeric.Add(new NumericSlot
                {
                    Source = s.Source, Spec = i, Buffer = (double[])_buffers[i], Scale = s.Scale,
                    ZeroIsMissing = s.ZeroIsMissing || s.Role == ColumnRole.IsotopeRatio,
                    Main = s.Alternative ? mainByTarget.GetValueOrDefault(s.Target, -1) : -1,
                });
        }
        _numeric = [.. numeric];
        _text = [.. text];
        int SlotOf(int spec) => spec < 0 ? -1 : slotOfSpec[spec] >= 0 ? slotOfSpec[spec]
            : throw new InvalidOperationException($"coordinate column '{_specs[spec].Header}' is not numeric");
        (_latSlot, _lonSlot, _latMinSlot, _latMaxSlot, _lonMinSlot, _lonMaxSlot) = (SlotOf(_lat), SlotOf(_lon), SlotOf(_latMin), SlotOf(_latMax), SlotOf(_lonMin), SlotOf(_lonMax));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ReadRow(CsvTokenizer tokenizer, List<CsvField> fields, int line)
    {
        int r = _firstRow + Rows;
        // Every buffer has the same length: one check here stands for the text stores below, made without per-store
        // bounds and array-covariance checks.
        if ((uint)r >= (uint)_latitude.Length) throw new InvalidOperationException($"row {r} is beyond the {_latitude.Length} rows planned");
        var cells = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(fields);
        var chars = tokenizer.Chars;
        foreach (ref readonly var slot in _text.AsSpan())
        {
            int source = slot.Source;
            Cell(slot.Buffer, r) = (uint)source < (uint)cells.Length ? CleanText(chars, cells[source], slot.StripCitation, slot.Cache) : null;
        }
        var numeric = _numeric.AsSpan();
        int width = numeric.Length + 2;
        var row = (_block ??= GC.AllocateUninitializedArray<double>(BlockRows * width)).AsSpan(_blockRows * width, width);
        for (int k = 0; k < numeric.Length; k++)
        {
            ref readonly var slot = ref numeric[k];
            double v = double.NaN;
            int source = slot.Source;
            if ((uint)source < (uint)cells.Length && cells[source] is var cell && cell.Length != 0)
                v = ParseNumeric(chars.Slice(cell.Start, cell.Length), in slot, line);
            row[k] = v;
            // Alternative values (GEOROC "altern. values or methods") fill gaps of the main column.
            if (slot.Main >= 0 && double.IsNaN(row[slot.Main])) row[slot.Main] = v;
        }
        if (!ResolveLocation(row, line)) return; // the block row is overwritten by the next row
        Rows++;
        if (++_blockRows == BlockRows) Flush();
    }

    /// <summary>Moves the block's rows to the column buffers, one contiguous run per column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Flush()
    {
        int n = _blockRows;
        if (n == 0) return;
        int at = _firstRow + Rows - n, width = _numeric.Length + 2;
        var block = _block!;
        for (int k = 0; k < width; k++)
        {
            var column = (k < _numeric.Length ? _numeric[k].Buffer : k == width - 2 ? _latitude : _longitude).AsSpan(at, n);
            for (int i = 0, j = k; i < column.Length; i++, j += width) column[i] = block[j];
        }
        _blockRows = 0;
    }

    /// <summary>Element <paramref name="r"/> of a column buffer, unchecked: ReadRow checked r against the common length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref T Cell<T>(T[] buffer, int r) => ref Unsafe.Add(ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(buffer), r);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double ParseNumeric(ReadOnlySpan<char> cell, in NumericSlot slot, int line)
    {
        if (cell.IsEmpty) return double.NaN;
        // Most cells are plain numbers: parse them directly (no trimming, citation or token checks needed then).
        if (ValueParser.TryParseNumber(cell, out double plain))
            return plain == 0 && slot.ZeroIsMissing ? ZeroAsMissing() : plain * slot.Scale;
        switch (ValueParser.Parse(cell, out double v))
        {
            case CellKind.Value:
                return v == 0 && slot.ZeroIsMissing ? ZeroAsMissing() : v * slot.Scale;
            case CellKind.BelowDetection:
                _report.BelowDetectionCells++;
                return _options.BelowDetection == BelowDetectionPolicy.HalfLimit && !double.IsNaN(v) ? v / 2 * slot.Scale : double.NaN;
            case CellKind.Invalid:
                _report.AddIssue(line, _specs[slot.Spec].Header, $"not a number: '{cell.Trim().ToString()}' (cell left empty)", "non-numeric cell");
                return double.NaN;
            default:
                return double.NaN;
        }
    }

    private double ZeroAsMissing()
    {
        _report.ZeroAsMissingCells++;
        return double.NaN;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private string? CleanText(ReadOnlySpan<char> chars, CsvField field, bool stripCitation, TextCellCache cache)
    {
        if (field.Length == 0) return null;
        var span = chars.Slice(field.Start, field.Length).Trim();
        if (span.IsEmpty) return null;
        if (cache.TryGet(span, out var known)) return known;
        string s = field.HasEscapedQuotes ? span.ToString().Replace("\"\"", "\"") : span.ToString();
        if (stripCitation) s = ValueParser.StripCitations(s);
        if (_options.DecodeUtf7 == true && s.Contains('+')) s = Utf7Text.Decode(s);
        cache.Add(span, s);
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ResolveLocation(Span<double> row, int line)
    {
        double lat = Pick(row, _latSlot, _latMinSlot, _latMaxSlot, false);
        double lon = Pick(row, _lonSlot, _lonMinSlot, _lonMaxSlot, true);
        if (double.IsNaN(lat) || double.IsNaN(lon)) { _report.Drop("no latitude/longitude", line); return false; }
        if (lat is < -90 or > 90) { _report.Drop("latitude outside -90..90", line); return false; }
        if (lon is < -180 or > 360) { _report.Drop("longitude outside -180..360", line); return false; }
        if (lon > 180) lon -= 360;
        row[^2] = lat;
        row[^1] = lon;
        return true;
    }

    /// <summary>The single coordinate when given, else the mean of MIN and MAX (either alone when one is missing).</summary>
    private static double Pick(Span<double> row, int single, int min, int max, bool longitude)
    {
        if (single >= 0 && !double.IsNaN(row[single])) return row[single];
        double a = min >= 0 ? row[min] : double.NaN;
        double b = max >= 0 ? row[max] : double.NaN;
        if (double.IsNaN(a)) return b;
        if (double.IsNaN(b)) return a;
        if (longitude && Math.Abs(a - b) > 180)
        {
            // Box across the antimeridian (e.g. 179 and -179): average on 0..360.
            if (a < 0) a += 360;
            if (b < 0) b += 360;
        }
        return (a + b) / 2;
    }

    /// <summary>A first data row made of unit labels (wt%, ppm, ppb) sets the units of unit-less columns.</summary>
    public bool TryApplyUnitsRow(CsvTokenizer tokenizer, List<CsvField> fields, int line)
    {
        int filled = 0, units = 0;
        foreach (var f in fields)
        {
            var s = tokenizer.Span(f).Trim();
            if (s.IsEmpty) continue;
            filled++;
            if (HeaderAliases.TryParseUnit(s.ToString(), out _)) units++;
        }
        if (filled < 2 || units * 2 < filled) return false;
        for (int i = 0; i < _specs.Count; i++)
        {
            var spec = _specs[i];
            var canonical = HeaderAliases.Lookup(spec.Target);
            if (spec.Source >= fields.Count || canonical is null || spec.Scale != 1.0) continue;
            if (!HeaderAliases.TryParseUnit(tokenizer.Span(fields[spec.Source]).Trim().ToString(), out var unit)) continue;
            double scale = HeaderAliases.UnitScale(unit, canonical.Unit);
            if (scale != 1.0) _specs[i] = spec with { Scale = scale };
        }
        BuildSlots();
        _report.Notes.Add($"line {line} is a units row (wt%/ppm/ppb); units applied to the columns below it");
        return true;
    }

    public SampleTable ToTable()
    {
        if (_firstRow != 0) throw new InvalidOperationException("a part is not a table");
        Flush();
        return TableBuilder.Build(_specs, _buffers, _latitude, _longitude, Rows, _options, _report);
    }
}
