using GisBridge.Algorithms.Geochemistry;
using GisBridge.Server.Io.Sep;

namespace GisBridge.Server.Tests.Io.Sep;

public class BadInputTests
{
    private static ReaderOptions Named => new() { SourceName = "bad.csv" };

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n\r\n")]
    [InlineData("\uFEFF")]
    public void EmptyFile_SaysSo(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => GeochemTestData.ReadText(text, Named));
        Assert.Contains("bad.csv", e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void NoCoordinateColumns_SaysWhatWasLookedForAndHowToMap()
    {
        var e = Assert.Throws<ArgumentException>(() => GeochemTestData.ReadText("Sample,SiO2,MgO\nA,50,7\n", Named));
        Assert.Contains("bad.csv", e.Message);
        Assert.Contains("no coordinate columns", e.Message);
        Assert.Contains("--mapping", e.Message);
    }

    [Fact]
    public void UnknownFormat_SaysNoHeaderWasRecognised()
    {
        var e = Assert.Throws<ArgumentException>(() => GeochemTestData.ReadText("foo,bar,baz\n1,2,3\n", Named));
        Assert.Contains("bad.csv", e.Message);
        Assert.Contains("unknown format", e.Message);
    }

    [Fact]
    public void NonNumericCell_IsReportedWithFileLineColumnAndReason_RestOfFileRead()
    {
        var r = GeochemTestData.ReadText("lat,lon,MgO,Na2O\n1,2,7,3\n1,2,seven,3\n\"1\",2,8,3\n", Named);
        Assert.Equal(3, r.Table.RowCount);
        Assert.True(double.IsNaN(r.Table.Numeric("mgo")[1]));
        Assert.Equal(3, r.Table.Numeric("na2o")[1]);
        Assert.Equal(8, r.Table.Numeric("mgo")[2]);
        var issue = Assert.Single(r.Report.Issues);
        Assert.Equal("bad.csv", issue.File);
        Assert.Equal(3, issue.Line);
        Assert.Equal("MgO", issue.Column);
        Assert.Contains("not a number: 'seven'", issue.Reason);
        Assert.Equal("bad.csv:3: column 'MgO': not a number: 'seven' (cell left empty)", issue.ToString());
        Assert.Equal(1, r.Report.IssueCounts["non-numeric cell"]);
    }

    [Fact]
    public void ManyBadCells_AreCountedBeyondTheListedOnes()
    {
        var sb = new System.Text.StringBuilder("lat,lon,MgO\n");
        for (int i = 0; i < 300; i++) sb.Append("1,2,x\n");
        var r = GeochemTestData.ReadText(sb.ToString(), Named);
        Assert.Equal(ImportReport.MaxListedIssues, r.Report.Issues.Count);
        Assert.Equal(300, r.Report.IssueCounts["non-numeric cell"]);
    }

    [Fact]
    public void ShortAndLongRows_AreReadAndLongOnesReported()
    {
        var r = GeochemTestData.ReadText("lat,lon,MgO\n1,2\n1,2,7,extra\n", Named);
        Assert.Equal(2, r.Table.RowCount);
        Assert.True(double.IsNaN(r.Table.Numeric("mgo")[0]));
        Assert.Equal(1, r.Report.IssueCounts["extra cells"]);
    }

    [Fact]
    public void HeaderOnly_GivesAnEmptyTableAndANote()
    {
        var r = GeochemTestData.ReadText("lat,lon,MgO\n", Named);
        Assert.Equal(0, r.Table.RowCount);
        Assert.Contains(r.Report.Notes, n => n.Contains("no data rows"));
    }

    [Fact]
    public void UnterminatedQuote_DoesNotCrashAndIsReported()
    {
        var r = GeochemTestData.ReadText("lat,lon,Sample\n1,2,\"open\n3,4,x\n", Named);
        Assert.Equal(1, r.Table.RowCount);
        Assert.Equal(1, r.Report.IssueCounts["malformed quoting"]);
    }
}
