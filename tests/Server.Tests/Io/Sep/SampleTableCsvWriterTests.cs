using GisBridge.Algorithms.Common;
using GisBridge.Server.Io.Sep;
using nietras.SeparatedValues;

namespace GisBridge.Server.Tests.Io.Sep;

/// <summary>The indices CSV read back by an independent parser (Sep's reader with unescaping) gives the table's
/// exact values: text with commas, quotes and line breaks, missing cells empty, numbers round-trip.</summary>
public class SampleTableCsvWriterTests
{
    [Fact]
    public void ReadBackGivesTheSameCellsAndNumbers()
    {
        var t = new SampleTable(3);
        t.SetText("sample_id", ["D1, glass", "say \"basalt\"", "two\nlines"]);
        t.SetNumeric("delta_8_4", [0.1 + 0.2, double.NaN, -1e-300]);
        var text = new StringWriter();
        SampleTableCsvWriter.Write(t, text);

        using var reader = nietras.SeparatedValues.Sep.Reader(o => o with { Unescape = true }).FromText(text.ToString());
        Assert.Equal(["sample_id", "delta_8_4"], reader.Header.ColNames);
        var rows = reader.Enumerate(r => (Id: r["sample_id"].ToString(), Value: r["delta_8_4"].ToString())).ToArray();
        Assert.Equal(["D1, glass", "say \"basalt\"", "two\nlines"], rows.Select(r => r.Id));
        Assert.Equal(0.1 + 0.2, double.Parse(rows[0].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("", rows[1].Value);
        Assert.Equal(-1e-300, double.Parse(rows[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ATableWithoutRowsStillNamesItsColumns()
    {
        var t = new SampleTable(0);
        t.SetText("sample_id", []);
        t.SetNumeric("mg_number", []);
        var text = new StringWriter();
        SampleTableCsvWriter.Write(t, text);
        Assert.Equal("sample_id,mg_number", text.ToString().TrimEnd('\r', '\n'));
    }
}
