using GisBridge.Algorithms.Geochemistry;

namespace GisBridge.Algorithms.Tests.Geochemistry;

public class CsvTokenizerTests
{
    private static List<List<string>> Records(string text, char delimiter = ',')
    {
        var t = new CsvTokenizer(text, delimiter);
        var fields = new List<CsvField>();
        var all = new List<List<string>>();
        while (t.ReadRecord(fields)) all.Add(fields.Select(t.Text).ToList());
        return all;
    }

    [Theory]
    [InlineData("a,b\nc,d\n")]
    [InlineData("a,b\rc,d\r")]
    [InlineData("a,b\r\nc,d\r\n")]
    [InlineData("a,b\r\nc,d")]
    public void LineEndings_CrLfCrlf_GiveTheSameRecords(string text)
    {
        var r = Records(text);
        Assert.Equal(2, r.Count);
        Assert.Equal(["a", "b"], r[0]);
        Assert.Equal(["c", "d"], r[1]);
    }

    [Fact]
    public void QuotedFields_KeepDelimitersLineBreaksAndEscapedQuotes()
    {
        var r = Records("\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\nnext,1\n");
        Assert.Equal(["x, y", "say \"hi\"", "two\r\nlines"], r[0]);
        Assert.Equal(["next", "1"], r[1]);
    }

    [Fact]
    public void RecordLine_CountsLinesInsideQuotesAndMixedEndings()
    {
        var t = new CsvTokenizer("h1,h2\r\"a\nb\",1\rc,2\r\nd,3");
        var f = new List<CsvField>();
        var lines = new List<int>();
        while (t.ReadRecord(f)) lines.Add(t.RecordLine);
        Assert.Equal([1, 2, 4, 5], lines);
    }

    [Fact]
    public void EmptyCells_AndTrailingDelimiter_AreFields()
    {
        var r = Records("a,,c,\n");
        Assert.Equal(["a", "", "c", ""], r[0]);
    }

    [Fact]
    public void ByteOrderMark_IsNotPartOfTheFirstCell()
    {
        Assert.Equal("Latitude", Records("\uFEFFLatitude,Longitude\n")[0][0]);
    }

    [Theory]
    [InlineData("a,b;c\n", ',')]
    [InlineData("a;b;c\n1,5;2,5;3\n", ';')]
    [InlineData("a\tb\tc\n", '\t')]
    [InlineData("\"x;y;z\",b\n", ',')]
    public void DetectDelimiter_UsesTheFirstLineOutsideQuotes(string text, char expected)
    {
        Assert.Equal(expected, CsvTokenizer.DetectDelimiter(text));
    }
}
