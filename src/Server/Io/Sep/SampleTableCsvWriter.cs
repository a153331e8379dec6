using System.Globalization;
using GisBridge.Algorithms.Common;
using nietras.SeparatedValues;

namespace GisBridge.Server.Io.Sep;

/// <summary>
/// Writes a <see cref="SampleTable"/> as CSV through Sep (comma, quotes where a cell needs them): header of canonical
/// names, numbers in invariant culture with round-trip precision, missing values as empty cells.
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
        using var csv = nietras.SeparatedValues.Sep.New(',')
            .Writer(o => o with { Escape = true, CultureInfo = CultureInfo.InvariantCulture })
            .To(writer, leaveOpen: true);
        csv.Header.Add(names);
        if (table.RowCount == 0) csv.Header.Write(); // a table without rows still says its columns
        for (int r = 0; r < table.RowCount; r++)
        {
            using var row = csv.NewRow();
            for (int c = 0; c < names.Length; c++)
            {
                if (numeric[c] is { } n)
                {
                    if (double.IsNaN(n[r])) row[c].Set("");
                    else row[c].Format(n[r]);
                }
                else row[c].Set(text[c]![r] ?? "");
            }
        }
    }
}
