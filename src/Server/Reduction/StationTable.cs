using System.Globalization;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using SharpCompress.Compressors.Xz;

namespace GisBridge.Server.Reduction;

/// <summary>
/// Reads a station table: a CSV read by GDAL/OGR's CSV driver; an xz-compressed one (".xz", e.g. the NOAA
/// southern-Africa stations) is decompressed first into the job's work folder with SharpCompress's XZStream
/// (GDAL has no /vsixz/ reader).
/// </summary>
public static class StationTable
{
    public sealed record Columns(IReadOnlyDictionary<string, double[]> Values, int Rows);

    public static Columns Read(string path, string workDir, IReadOnlyList<string> wanted, CancellationToken ct)
    {
        string csv = path;
        if (path.EndsWith(".xz", StringComparison.OrdinalIgnoreCase))
        {
            csv = Path.Combine(workDir, Path.GetFileNameWithoutExtension(path));
            if (!csv.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) csv += ".csv";
            try
            {
                using var input = File.OpenRead(path);
                using var xz = new XZStream(input);
                using var output = File.Create(csv);
                xz.CopyTo(output);
            }
            catch (Exception e) when (e is not OperationCanceledException and not IOException and not UnauthorizedAccessException)
            {
                throw new JobInputException("stations", $"'{Path.GetFileName(path)}' is not a readable xz file: {e.Message}");
            }
            ct.ThrowIfCancellationRequested();
        }
        else if (!path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            throw new JobInputException("stations", $"'{Path.GetFileName(path)}' is not a station table: give a .csv (or .csv.xz) file");
        var layer = OgrVectorReader.Read(csv);
        var values = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);
        foreach (string name in wanted)
        {
            var field = layer.Field(name) ?? throw new JobInputException("stations",
                $"column '{name}' not found in '{Path.GetFileName(path)}' (columns: {string.Join(", ", layer.Fields.Select(f => f.Name))})");
            var column = new double[layer.Features.Count];
            for (int i = 0; i < column.Length; i++)
                column[i] = Number(layer.Features[i].Attributes.GetValueOrDefault(field.Name), name, i);
            values[name] = column;
        }
        return new Columns(values, layer.Features.Count);
    }

    private static double Number(object? value, string column, int row) => value switch
    {
        null => double.NaN,
        double d => d,
        long l => l,
        int n => n,
        string s when string.IsNullOrWhiteSpace(s) => double.NaN,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) => d,
        _ => throw new JobInputException("stations", $"column '{column}' row {row + 2}: '{value}' is not a number"),
    };
}
