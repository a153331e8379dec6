using System.Globalization;
using GisBridge.Server.Jobs;
using nietras.SeparatedValues;
using SharpCompress.Compressors.Xz;

namespace GisBridge.Server.Reduction;

/// <summary>
/// Reads the numeric columns of a station table through Sep, the project's one CSV reader (separator detected from
/// the header, quoted cells unescaped); an xz-compressed table (".xz", e.g. the NOAA southern-Africa stations) is
/// read through SharpCompress's XZStream on the way, no copy on disk.
/// </summary>
public static class StationTable
{
    public sealed record Columns(IReadOnlyDictionary<string, double[]> Values, int Rows);

    public static Columns Read(string path, IReadOnlyList<string> wanted, CancellationToken ct)
    {
        bool xz = path.EndsWith(".xz", StringComparison.OrdinalIgnoreCase);
        if (!xz && !path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase))
            throw new JobInputException("stations", $"'{Path.GetFileName(path)}' is not a station table: give a .csv (or .csv.xz) file");
        string name = Path.GetFileName(path);
        try
        {
            using var file = File.OpenRead(path);
            using Stream input = xz ? new XZStream(file) : file;
            using var reader = Sep.Reader(o => o with { Unescape = true }).From(input);
            var header = reader.Header.ColNames;
            var index = wanted.Select(w => Column(header, w, name)).ToArray();
            var columns = wanted.Select(_ => new List<double>()).ToArray();
            foreach (var row in reader)
            {
                if ((row.RowIndex & 4095) == 0) ct.ThrowIfCancellationRequested();
                for (int j = 0; j < index.Length; j++)
                    columns[j].Add(Number(row[index[j]].Span, wanted[j], row.LineNumberFrom));
            }
            var values = new Dictionary<string, double[]>(StringComparer.OrdinalIgnoreCase);
            for (int j = 0; j < wanted.Count; j++) values[wanted[j]] = columns[j].ToArray();
            return new Columns(values, columns.Length == 0 ? 0 : columns[0].Count);
        }
        catch (Exception e) when (xz && e is not JobInputException and not OperationCanceledException and not IOException
                                      and not UnauthorizedAccessException)
        {
            throw new JobInputException("stations", $"'{name}' is not a readable xz file: {e.Message}");
        }
    }

    private static int Column(IReadOnlyList<string> header, string wanted, string file)
    {
        for (int c = 0; c < header.Count; c++)
            if (header[c].Trim().Equals(wanted, StringComparison.OrdinalIgnoreCase)) return c;
        throw new JobInputException("stations", $"column '{wanted}' not found in '{file}' (columns: {string.Join(", ", header)})");
    }

    private static double Number(ReadOnlySpan<char> cell, string column, int line)
    {
        cell = cell.Trim();
        if (cell.IsEmpty) return double.NaN;
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
        throw new JobInputException("stations", $"column '{column}' line {line}: '{cell}' is not a number");
    }
}
