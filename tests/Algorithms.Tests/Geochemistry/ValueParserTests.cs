using GisBridge.Algorithms.Geochemistry;

namespace GisBridge.Algorithms.Tests.Geochemistry;

public class ValueParserTests
{
    [Theory]
    [InlineData("50.73", 50.73)]
    [InlineData(" 0.70381 ", 0.70381)]
    [InlineData("-37.721", -37.721)]
    [InlineData("1.5e-3", 0.0015)]
    [InlineData("2E4", 20000)]
    [InlineData(".5", 0.5)]
    [InlineData("12.", 12)]
    [InlineData("0.512845678901234", 0.512845678901234)]
    [InlineData("123456789012345678901234", 1.2345678901234568e23)]
    [InlineData("50.7 [6370]", 50.7)]
    [InlineData("13.11 [6370, 10787]", 13.11)]
    public void Numbers_ParseExactly(string cell, double expected)
    {
        Assert.Equal(CellKind.Value, ValueParser.Parse(cell, out double v));
        Assert.Equal(expected, v);
    }

    [Fact]
    public void FastPath_AgreesWithDoubleParse_OnManyDecimals()
    {
        var rng = new Random(7);
        for (int i = 0; i < 20000; i++)
        {
            string s = (rng.NextDouble() * Math.Pow(10, rng.Next(-6, 7))).ToString("G" + rng.Next(1, 16), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(ValueParser.TryParseNumber(s, out double v), s);
            Assert.Equal(double.Parse(s, System.Globalization.CultureInfo.InvariantCulture), v);
        }
    }

    [Fact]
    public void PlainDecimals_GiveDoubleParseBits_AroundTheFifteenDigitLimit()
    {
        // Signs, leading zeros, trailing or leading points, 1 to 18 digits: the plain-decimal path takes up to 15
        // digits, the general path the rest; both must give double.Parse's bits (-0 included).
        var rng = new Random(11);
        var c = System.Globalization.CultureInfo.InvariantCulture;
        for (int i = 0; i < 50000; i++)
        {
            int digits = rng.Next(1, 19), point = rng.Next(-1, digits + 1), zeros = rng.Next(0, 4);
            var sb = new System.Text.StringBuilder();
            sb.Append(rng.Next(4) switch { 0 => "-", 1 => "+", _ => "" });
            for (int k = 0; k < digits; k++)
            {
                if (k == point) sb.Append('.');
                sb.Append(k < zeros ? '0' : (char)('0' + rng.Next(10)));
            }
            if (point == digits) sb.Append('.');
            string s = sb.ToString();
            Assert.True(ValueParser.TryParseNumber(s, out double v), s);
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(s, c)), BitConverter.DoubleToInt64Bits(v));
        }
        foreach (var bad in new[] { "", "-", "+", ".", "-.", "1..2", "1.2.3", "1-2", "--1", "1,5", " 1" })
            Assert.False(ValueParser.TryParseNumber(bad, out _), bad);
    }

    [Theory]
    [InlineData("< 0.2", 0.2)]
    [InlineData("<0.05", 0.05)]
    [InlineData("<= 3", 3.0)]
    public void LessThan_IsBelowDetectionWithItsLimit(string cell, double limit)
    {
        Assert.Equal(CellKind.BelowDetection, ValueParser.Parse(cell, out double v));
        Assert.Equal(limit, v);
    }

    [Theory]
    [InlineData("bdl")]
    [InlineData("BDL")]
    [InlineData("b.d.l.")]
    public void Bdl_IsBelowDetectionWithoutLimit(string cell)
    {
        Assert.Equal(CellKind.BelowDetection, ValueParser.Parse(cell, out double v));
        Assert.True(double.IsNaN(v));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("n.d.")]
    [InlineData("NA")]
    [InlineData("-")]
    [InlineData("nan")]
    public void MissingTokens_AreMissing(string cell) => Assert.Equal(CellKind.Missing, ValueParser.Parse(cell, out _));

    [Theory]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("12 ppm")]
    [InlineData("> 5")]
    [InlineData("1,5")]
    public void Garbage_IsInvalid(string cell) => Assert.Equal(CellKind.Invalid, ValueParser.Parse(cell, out _));

    [Theory]
    [InlineData("BASALT [20965]", "BASALT")]
    [InlineData("GL [6370] ", "GL")]
    [InlineData("[6370]", "[6370]")]
    [InlineData("s_WC44A [6370]", "s_WC44A")]
    [InlineData("ROCK [see text]", "ROCK [see text]")]
    public void CitationTags_AreStrippedAfterText(string cell, string expected)
    {
        Assert.Equal(expected, ValueParser.StripCitation(cell.AsSpan().Trim()).ToString());
        Assert.Equal(expected, ValueParser.StripCitations(cell));
    }

    [Theory]
    [InlineData("BASALT [2038] / MUGEARITE [16977]", "BASALT / MUGEARITE")]
    [InlineData("s_10-11 [2038] / s_AII-93-10-11 [1253]", "s_10-11 / s_AII-93-10-11")]
    [InlineData("[1253] [2038]", "[1253] [2038]")]
    public void CitationTags_InsideListsAreStripped(string cell, string expected) =>
        Assert.Equal(expected, ValueParser.StripCitations(cell));
}
