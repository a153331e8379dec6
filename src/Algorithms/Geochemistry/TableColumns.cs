using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// Column buffers filled row by row from token spans, plus the per-row location logic: MIN/MAX coordinates
/// averaged (across the antimeridian too), longitudes 0..360 moved to -180..180, rows without a location
/// dropped. Every column writes its slot of every row, so a dropped row is simply overwritten by the next.
/// </summary>
internal sealed class TableColumns
{
    private readonly List<ColumnSpec> _specs;
    private readonly object[] _buffers; // double[] for numeric specs, string?[] for text and auto specs
    private readonly ReaderOptions _options;
    private readonly ImportReport _report;
    private readonly int _lat = -1, _lon = -1, _latMin = -1, _latMax = -1, _lonMin = -1, _lonMax = -1;
    private readonly double[] _latitude, _longitude;
    private readonly Dictionary<string, int> _mainByTarget = new(StringComparer.Ordinal);

    public TableColumns(List<ColumnSpec> specs, int capacity, ReaderOptions options, ImportReport report)
    {
        _specs = specs;
        _options = options;
        _report = report;
        _buffers = new object[specs.Count];
        _latitude = new double[capacity];
        _longitude = new double[capacity];
        for (int i = 0; i < specs.Count; i++)
        {
            var s = specs[i];
            _buffers[i] = s.IsText || s.Auto ? new string?[capacity] : new double[capacity];
            if (s.Alternative) continue;
            _mainByTarget[s.Target] = i;
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
    }

    public int Rows { get; private set; }

    public bool HasCoordinates => (_lat >= 0 || _latMin >= 0 || _latMax >= 0) && (_lon >= 0 || _lonMin >= 0 || _lonMax >= 0);

    public void ReadRow(CsvTokenizer tokenizer, List<CsvField> fields, int line)
    {
        int r = Rows;
        for (int i = 0; i < _specs.Count; i++)
        {
            var spec = _specs[i];
            bool present = spec.Source < fields.Count;
            if (spec.IsText || spec.Auto)
            {
                var cells = (string?[])_buffers[i];
                cells[r] = present ? CleanText(tokenizer, fields[spec.Source], spec.IsText) : null;
                continue;
            }
            double v = present ? ParseNumeric(tokenizer.Span(fields[spec.Source]), spec, line) : double.NaN;
            if (spec.Alternative)
            {
                // Alternative values (GEOROC "altern. values or methods") fill gaps of the main column.
                var main = _mainByTarget.TryGetValue(spec.Target, out int m) ? (double[])_buffers[m] : null;
                if (main is not null && double.IsNaN(main[r])) main[r] = v;
                ((double[])_buffers[i])[r] = v;
                continue;
            }
            ((double[])_buffers[i])[r] = v;
        }
        if (ResolveLocation(r, line)) Rows++;
    }

    private double ParseNumeric(ReadOnlySpan<char> cell, ColumnSpec spec, int line)
    {
        switch (ValueParser.Parse(cell, out double v))
        {
            case CellKind.Value:
                if (v == 0 && (spec.ZeroIsMissing || spec.Role == ColumnRole.IsotopeRatio))
                {
                    _report.ZeroAsMissingCells++;
                    return double.NaN;
                }
                return v * spec.Scale;
            case CellKind.BelowDetection:
                _report.BelowDetectionCells++;
                return _options.BelowDetection == BelowDetectionPolicy.HalfLimit && !double.IsNaN(v) ? v / 2 * spec.Scale : double.NaN;
            case CellKind.Invalid:
                _report.AddIssue(line, spec.Header, $"not a number: '{cell.Trim().ToString()}' (cell left empty)", "non-numeric cell");
                return double.NaN;
            default:
                return double.NaN;
        }
    }

    private string? CleanText(CsvTokenizer tokenizer, CsvField field, bool stripCitation)
    {
        var span = tokenizer.Span(field).Trim();
        if (span.IsEmpty) return null;
        string s = field.HasEscapedQuotes ? span.ToString().Replace("\"\"", "\"") : span.ToString();
        if (stripCitation) s = ValueParser.StripCitations(s);
        return _options.DecodeUtf7 && s.Contains('+') ? Utf7Text.Decode(s) : s;
    }

    private bool ResolveLocation(int r, int line)
    {
        double lat = Pick(_lat, _latMin, _latMax, r, false);
        double lon = Pick(_lon, _lonMin, _lonMax, r, true);
        if (double.IsNaN(lat) || double.IsNaN(lon)) { _report.Drop("no latitude/longitude", line); return false; }
        if (lat is < -90 or > 90) { _report.Drop("latitude outside -90..90", line); return false; }
        if (lon is < -180 or > 360) { _report.Drop("longitude outside -180..360", line); return false; }
        if (lon > 180) lon -= 360;
        _latitude[r] = lat;
        _longitude[r] = lon;
        return true;
    }

    /// <summary>The single coordinate when given, else the mean of MIN and MAX (either alone when one is missing).</summary>
    private double Pick(int single, int min, int max, int r, bool longitude)
    {
        if (single >= 0 && !double.IsNaN(((double[])_buffers[single])[r])) return ((double[])_buffers[single])[r];
        double a = min >= 0 ? ((double[])_buffers[min])[r] : double.NaN;
        double b = max >= 0 ? ((double[])_buffers[max])[r] : double.NaN;
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
        _report.Notes.Add($"line {line} is a units row (wt%/ppm/ppb); units applied to the columns below it");
        return true;
    }

    public SampleTable ToTable() => TableBuilder.Build(_specs, _buffers, _latitude, _longitude, Rows, _options, _report);
}
