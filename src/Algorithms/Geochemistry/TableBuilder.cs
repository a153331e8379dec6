using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// Turns filled column buffers into a <see cref="SampleTable"/>: header order kept, latitude/longitude in place
/// of the first coordinate column (MIN/MAX columns folded into them), unknown columns typed (numeric when every
/// filled cell is a number), columns without any value left out and reported.
/// </summary>
internal static class TableBuilder
{
    private static readonly HashSet<string> CoordinateParts =
    [
        SampleTable.Latitude, SampleTable.Longitude, HeaderAliases.LatitudeMin, HeaderAliases.LatitudeMax,
        HeaderAliases.LongitudeMin, HeaderAliases.LongitudeMax,
    ];

    public static SampleTable Build(List<ColumnSpec> specs, object[] buffers, double[] latitude, double[] longitude,
        int rows, ReaderOptions options, ImportReport report)
    {
        var table = new SampleTable(rows);
        bool locationAdded = false;
        var order = Enumerable.Range(0, specs.Count).Where(i => !specs[i].Alternative).OrderBy(i => specs[i].Source);
        foreach (int i in order)
        {
            var spec = specs[i];
            if (CoordinateParts.Contains(spec.Target))
            {
                if (!locationAdded)
                {
                    table.SetNumeric(SampleTable.Latitude, Exact(latitude, rows));
                    table.SetNumeric(SampleTable.Longitude, Exact(longitude, rows));
                    locationAdded = true;
                }
                if (spec.Target is not (SampleTable.Latitude or SampleTable.Longitude))
                    report.Notes.Add($"'{spec.Header}' folded into {(spec.Target.StartsWith("lat") ? "latitude" : "longitude")} (mean of MIN and MAX)");
                continue;
            }
            switch (buffers[i])
            {
                case double[] numbers:
                    var values = Exact(numbers, rows);
                    if (values.All(double.IsNaN)) { Empty(spec, report); continue; }
                    table.SetNumeric(spec.Target, values);
                    break;
                case string?[] cells:
                    var texts = Exact(cells, rows);
                    if (texts.All(t => t is null)) { Empty(spec, report); continue; }
                    if (spec.Auto && TryNumeric(texts, options, out var parsed)) table.SetNumeric(spec.Target, parsed);
                    else table.SetText(spec.Target, texts);
                    break;
            }
        }
        return table;
    }

    /// <summary>The buffer itself when it is exactly full (the usual case), else its first rows.</summary>
    private static T[] Exact<T>(T[] buffer, int rows) => buffer.Length == rows ? buffer : buffer[..rows];

    private static void Empty(ColumnSpec spec, ImportReport report)
    {
        report.ColumnsIgnored.Add(new IgnoredColumn(spec.Header, "no values in any kept row"));
        report.ColumnsMapped.RemoveAll(m => m.From == spec.Header && m.To == spec.Target);
    }

    private static bool TryNumeric(string?[] texts, ReaderOptions options, out double[] values)
    {
        values = new double[texts.Length];
        for (int r = 0; r < texts.Length; r++)
        {
            if (texts[r] is not { } t) { values[r] = double.NaN; continue; }
            switch (ValueParser.Parse(t, out double v))
            {
                case CellKind.Value: values[r] = v; break;
                case CellKind.Missing: values[r] = double.NaN; break;
                case CellKind.BelowDetection:
                    values[r] = options.BelowDetection == BelowDetectionPolicy.HalfLimit ? v / 2 : double.NaN;
                    break;
                default: return false;
            }
        }
        return true;
    }
}
