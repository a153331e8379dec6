using System.Globalization;
using GisBridge.Algorithms.Common;

namespace GisBridge.Server.Geochemistry;

/// <summary>
/// Writes a <see cref="SampleTable"/> as RFC 4180 CSV (comma, LF, UTF-8 without BOM): header of canonical names,
/// numbers in invariant culture with round-trip precision, missing values as empty cells.
/// </summary>
public static class SampleTableCsvWriter
{
    public static void Write(SampleTable table, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writer);
        var names = table.Columns.ToArray();
        var numeric = names.Select(n => table.HasNumeric(n) ? table.Numeric(n) : null).ToArray();
        var text = names.Select(n => table.HasText(n) ? table.Text(n) : null).ToArray();
        writer.Write(string.Join(",", names.Select(Quote)));
        writer.Write('\n');
        Span<char> buffer = stackalloc char[32];
        for (int r = 0; r < table.RowCount; r++)
        {
            for (int c = 0; c < names.Length; c++)
            {
                if (c > 0) writer.Write(',');
                if (numeric[c] is { } n)
                {
                    if (!double.IsNaN(n[r]) && n[r].TryFormat(buffer, out int written, "R", CultureInfo.InvariantCulture))
                        writer.Write(buffer[..written]);
                }
                else if (text[c]![r] is { } s) writer.Write(Quote(s));
            }
            writer.Write('\n');
        }
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
