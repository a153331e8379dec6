using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// Column buffers filled record by record, plus the per-row location logic: MIN/MAX coordinates averaged (across
/// the antimeridian too), longitudes 0..360 moved to -180..180, rows without a location dropped.
/// </summary>
internal sealed class TableColumns
{
    private struct NumericSlot
    {
        public int Source, Spec;
        public int Main; // alternative column: the numeric slot of the main column whose gaps it fills, else -1
        public double Scale;
        public bool ZeroIsMissing;
    }

    private struct TextSlot
    {
        public int Source;
        public bool StripCitation;
    }

    private readonly List<ColumnSpec> _specs;
    private readonly ReaderOptions _options;
    private readonly ImportReport _report;
    private readonly int _lat = -1, _lon = -1, _latMin = -1, _latMax = -1, _lonMin = -1, _lonMax = -1;
    private readonly bool[] _isText; // per spec: text (and auto-typed) columns hold strings, the others numbers
    private NumericSlot[] _numeric = [];
    private TextSlot[] _text = [];
    private double[][] _numbers = [];
    private string?[][] _texts = [];
    private double[] _latitude = new double[InitialRows], _longitude = new double[InitialRows];
    private double[] _row = []; // the record's numbers, then latitude and longitude
    private string?[] _textRow = [];
    private int _latSlot = -1, _lonSlot = -1, _latMinSlot = -1, _latMaxSlot = -1, _lonMinSlot = -1, _lonMaxSlot = -1;
    private const int InitialRows = 1024;

    public TableColumns(List<ColumnSpec> specs, ReaderOptions options, ImportReport report)
    {
        _specs = specs;
        _options = options;
        _report = report;
        _isText = [.. specs.Select(s => s.IsText || s.Auto)];
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
        _numbers = [.. _numeric.Select(_ => new double[InitialRows])];
        _texts = [.. _text.Select(_ => new string?[InitialRows])];
    }

    public int Rows { get; private set; }

    public bool HasCoordinates => (_lat >= 0 || _latMin >= 0 || _latMax >= 0) && (_lon >= 0 || _lonMin >= 0 || _lonMax >= 0);

    private void BuildSlots()
    {
        var mainByTarget = new Dictionary<string, int>(StringComparer.Ordinal);
        var slotOfSpec = new int[_specs.Count];
        for (int i = 0, k = 0; i < _specs.Count; i++)
        {
            slotOfSpec[i] = _isText[i] ? -1 : k++;
            if (!_specs[i].Alternative && slotOfSpec[i] >= 0) mainByTarget[_specs[i].Target] = slotOfSpec[i];
        }
        var numeric = new List<NumericSlot>();
        var text = new List<TextSlot>();
        for (int i = 0; i < _specs.Count; i++)
        {
            var s = _specs[i];
            if (_isText[i])
                text.Add(new TextSlot { Source = s.Source, StripCitation = s.IsText });
            else
                numeric.Add(new NumericSlot
                {
                    Source = s.Source, Spec = i, Scale = s.Scale,
                    ZeroIsMissing = s.ZeroIsMissing || s.Role == ColumnRole.IsotopeRatio,
                    Main = s.Alternative ? mainByTarget.GetValueOrDefault(s.Target, -1) : -1,
                });
        }
        _numeric = [.. numeric];
        _text = [.. text];
        _row = new double[_numeric.Length + 2];
        _textRow = new string?[_text.Length];
        int SlotOf(int spec) => spec < 0 ? -1 : slotOfSpec[spec] >= 0 ? slotOfSpec[spec]
            : throw new InvalidOperationException($"coordinate column '{_specs[spec].Header}' is not numeric");
        (_latSlot, _lonSlot, _latMinSlot, _latMaxSlot, _lonMinSlot, _lonMaxSlot) = (SlotOf(_lat), SlotOf(_lon), SlotOf(_latMin), SlotOf(_latMax), SlotOf(_lonMin), SlotOf(_lonMax));
    }

    /// <summary>Reads the current record; it becomes a row when it has a location.</summary>
    public void ReadRow(ITableRecords record, int line)
    {
        int count = record.Count;
        for (int k = 0; k < _text.Length; k++)
        {
            int source = _text[k].Source;
            _textRow[k] = source < count ? CleanText(record[source], _text[k].StripCitation) : null;
        }
        var row = _row.AsSpan();
        for (int k = 0; k < _numeric.Length; k++)
        {
            ref readonly var slot = ref _numeric[k];
            double v = double.NaN;
            if (slot.Source < count)
            {
                var cell = CellQuotes.Content(record[slot.Source], out _);
                if (!cell.IsEmpty) v = ParseNumeric(cell, in slot, line);
            }
            row[k] = v;
            // Alternative values (GEOROC "altern. values or methods") fill gaps of the main column.
            if (slot.Main >= 0 && double.IsNaN(row[slot.Main])) row[slot.Main] = v;
        }
        if (!ResolveLocation(row, line)) return;
        int r = Rows;
        if (r == _latitude.Length) Grow();
        for (int k = 0; k < _numeric.Length; k++) _numbers[k][r] = row[k];
        for (int k = 0; k < _text.Length; k++) _texts[k][r] = _textRow[k];
        _latitude[r] = row[^2];
        _longitude[r] = row[^1];
        Rows++;
    }

    /// <summary>Doubles every buffer.</summary>
    private void Grow()
    {
        int size = 2 * _latitude.Length;
        for (int k = 0; k < _numbers.Length; k++) Array.Resize(ref _numbers[k], size);
        for (int k = 0; k < _texts.Length; k++) Array.Resize(ref _texts[k], size);
        Array.Resize(ref _latitude, size);
        Array.Resize(ref _longitude, size);
    }

    private double ParseNumeric(ReadOnlySpan<char> cell, in NumericSlot slot, int line)
    {
        // Most cells are plain numbers: parse them directly (no citation or token checks needed then).
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

    private string? CleanText(ReadOnlySpan<char> raw, bool stripCitation)
    {
        var span = CellQuotes.Content(raw, out bool escaped);
        if (span.IsEmpty) return null;
        string s = escaped ? span.ToString().Replace("\"\"", "\"") : span.ToString();
        if (stripCitation) s = ValueParser.StripCitations(s);
        if (_options.DecodeUtf7 == true && s.Contains('+')) s = Utf7Text.Decode(s);
        return s;
    }

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
    public bool TryApplyUnitsRow(ITableRecords record, int line)
    {
        int filled = 0, units = 0;
        for (int i = 0; i < record.Count; i++)
        {
            var s = CellQuotes.Content(record[i], out _);
            if (s.IsEmpty) continue;
            filled++;
            if (HeaderAliases.TryParseUnit(s.ToString(), out _)) units++;
        }
        if (filled < 2 || units * 2 < filled) return false;
        for (int i = 0; i < _specs.Count; i++)
        {
            var spec = _specs[i];
            var canonical = HeaderAliases.Lookup(spec.Target);
            if (spec.Source >= record.Count || canonical is null || spec.Scale != 1.0) continue;
            if (!HeaderAliases.TryParseUnit(CellQuotes.Content(record[spec.Source], out _).ToString(), out var unit)) continue;
            double scale = HeaderAliases.UnitScale(unit, canonical.Unit);
            if (scale != 1.0) _specs[i] = spec with { Scale = scale };
        }
        BuildSlots();
        _report.Notes.Add($"line {line} is a units row (wt%/ppm/ppb); units applied to the columns below it");
        return true;
    }

    public SampleTable ToTable()
    {
        var buffers = new object[_specs.Count];
        for (int i = 0, n = 0, x = 0; i < _specs.Count; i++)
            buffers[i] = _isText[i] ? _texts[x++] : _numbers[n++];
        return TableBuilder.Build(_specs, buffers, _latitude, _longitude, Rows, _options, _report);
    }
}
