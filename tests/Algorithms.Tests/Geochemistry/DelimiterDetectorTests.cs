using GisBridge.Algorithms.Geochemistry;

namespace GisBridge.Algorithms.Tests.Geochemistry;

public class DelimiterDetectorTests
{
    [Theory]
    [InlineData("a,b;c\n", ',')]
    [InlineData("a;b;c\n1,5;2,5;3\n", ';')]
    [InlineData("a\tb\tc\n", '\t')]
    [InlineData("\"x;y;z\",b\n", ',')]
    [InlineData("\n\na;b\n", ';')] // blank lines before the first line with a delimiter
    public void Detect_UsesTheFirstLineOutsideQuotes(string text, char expected) =>
        Assert.Equal(expected, DelimiterDetector.Detect(text));
}
