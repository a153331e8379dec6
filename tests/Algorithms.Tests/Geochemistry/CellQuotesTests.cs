using GisBridge.Algorithms.Geochemistry;

namespace GisBridge.Algorithms.Tests.Geochemistry;

public class CellQuotesTests
{
    [Theory]
    [InlineData("abc", "abc", false)]
    [InlineData("  abc ", "abc", false)]
    [InlineData("\"a, b\"", "a, b", false)]
    [InlineData(" \" x \" ", "x", false)]
    [InlineData("\"say \"\"hi\"\"\"", "say \"\"hi\"\"", true)]
    [InlineData("\"\"", "", false)]
    public void WellFormedCells_AreUnquoted(string raw, string content, bool escaped)
    {
        Assert.Equal(QuoteProblem.None, CellQuotes.Check(raw));
        Assert.Equal(content, CellQuotes.Content(raw, out bool e).ToString());
        Assert.Equal(escaped, e);
    }

    [Theory]
    [InlineData("\"abc\"def", QuoteProblem.TextAfterClosingQuote)]
    [InlineData("\"abc\"  \"def\"", QuoteProblem.TextAfterClosingQuote)]
    [InlineData("\"open\n3,4", QuoteProblem.Unterminated)]
    [InlineData("\"", QuoteProblem.Unterminated)]
    [InlineData("\"a\"\"", QuoteProblem.Unterminated)]
    [InlineData("5\" core", QuoteProblem.QuoteInUnquotedCell)]
    public void MalformedCells_AreNamedAndKeptAsWritten(string raw, QuoteProblem problem)
    {
        Assert.Equal(problem, CellQuotes.Check(raw));
        Assert.Equal(raw.Trim(), CellQuotes.Content(raw, out bool escaped).ToString());
        Assert.False(escaped);
    }
}
