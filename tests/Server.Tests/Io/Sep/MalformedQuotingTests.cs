using GisBridge.Algorithms.Geochemistry;

namespace GisBridge.Server.Tests.Io.Sep;

/// <summary>
/// Issue 14's CSV regressions: the home-made tokenizer dropped text after a closing quote and let an unterminated
/// quote swallow the rest of the file without a word. Sep passes such cells through as written; the reader keeps
/// them and reports each one with its line.
/// </summary>
public class MalformedQuotingTests
{
    private static ReaderOptions Named => new() { SourceName = "quotes.csv" };

    private static ImportIssue Quoting(GeochemTable read) => Assert.Single(read.Report.Issues, i => i.Kind == "malformed quoting");

    [Fact]
    public void TextAfterClosingQuote_IsKeptAndWarnedWithItsLine()
    {
        var r = GeochemTestData.ReadText("lat,lon,Sample\n1,2,\"abc\"def\n3,4,x\n", Named);
        Assert.Equal(new string?[] { "\"abc\"def", "x" }, r.Table.Text("sample_id"));
        var issue = Quoting(r);
        Assert.Equal(2, issue.Line);
        Assert.Equal("Sample", issue.Column);
        Assert.Contains("after the closing quote", issue.Reason);
    }

    [Fact]
    public void UnterminatedQuote_IsWarnedWithItsLineAndTheSwallowedRestIsNamed()
    {
        var r = GeochemTestData.ReadText("lat,lon,Sample\n1,2,x\n3,4,\"open\n5,6,y\n7,8,z\n", Named);
        var issue = Quoting(r);
        Assert.Equal(3, issue.Line);
        Assert.Contains("never closed", issue.Reason);
        Assert.Contains(r.Report.Notes, n => n.StartsWith("line 3:") && n.Contains("rest of the file"));
        // The rest of the file is in that one cell, not lost: the rows after it are visible there.
        Assert.Equal(2, r.Table.RowCount);
        Assert.Contains("7,8,z", r.Table.Text("sample_id")[1]);
    }

    [Fact]
    public void QuoteInsideAnUnquotedCell_IsWarned()
    {
        var r = GeochemTestData.ReadText("lat,lon,Sample\n1,2,5\" core\"\n3,4,x\n", Named);
        Assert.Equal("5\" core\"", r.Table.Text("sample_id")[0]);
        Assert.Equal(2, Quoting(r).Line);
    }

    [Fact]
    public void WellFormedQuoting_IsUnquotedWithoutWarnings()
    {
        var r = GeochemTestData.ReadText("lat,lon,Sample,Location\n\"1\",2,\"a, b\",\"say \"\"hi\"\"\"\n3,4,\" x \",\"two\r\nlines\"\n", Named);
        Assert.Equal(new string?[] { "a, b", "x" }, r.Table.Text("sample_id"));
        Assert.Equal(new string?[] { "say \"hi\"", "two\r\nlines" }, r.Table.Text("location"));
        Assert.Equal([1.0, 3.0], r.Table.Numeric("latitude"));
        Assert.DoesNotContain(r.Report.Issues, i => i.Kind == "malformed quoting");
    }

    [Fact]
    public void LineNumbers_CountCrOnlyLfAndCrlfAndLinesInsideQuotes()
    {
        var r = GeochemTestData.ReadText("lat,lon,MgO,Location\r1,2,x,\"a\nb\"\r\n1,2,y,c\n1,2,z,d\r", Named);
        Assert.Equal([2, 4, 5], r.Report.Issues.Where(i => i.Kind == "non-numeric cell").Select(i => i.Line));
        Assert.Equal(3, r.Table.RowCount);
    }

    [Fact]
    public void Utf7LookalikeInPetdbTextCell_StaysAsWritten()
    {
        var r = GeochemTestData.ReadText("SAMPLE ID,LATITUDE,LONGITUDE,SIO2,MGO,FEOT\n+OLA-,-40,80,50,7,9\n", Named);
        Assert.Equal(TableFormat.Petdb, r.Format);
        Assert.Equal("+OLA-", r.Table.Text("sample_id")[0]);
    }

    [Fact]
    public void ByteOrderMark_IsNotPartOfTheFirstHeader()
    {
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes("Latitude,Longitude,MgO\n1,2,7\n")).ToArray();
        var r = Server.Io.Sep.GeochemCsvReader.Read(new MemoryStream(bytes), Named);
        Assert.Contains(r.Report.ColumnsMapped, m => m.From == "Latitude" && m.To == "latitude");
        Assert.Equal(1, r.Table.RowCount);
    }
}
