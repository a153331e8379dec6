using GisBridge.Algorithms.Geochemistry;

namespace GisBridge.Algorithms.Tests.Geochemistry;

public class Utf7TextTests
{
    [Theory]
    [InlineData("PETRINI/1988+ADs-BRUECKNER/1988", "PETRINI/1988;BRUECKNER/1988")]
    [InlineData("size +ACI-large+ACI-", "size \"large\"")]
    [InlineData("a+AD0-b", "a=b")]
    [InlineData("XRF+ADs-ICP-MS+ADs-MS-ID", "XRF;ICP-MS;MS-ID")]
    [InlineData("1+-1", "1+1")]
    public void Escapes_AreDecoded(string input, string expected) => Assert.Equal(expected, Utf7Text.Decode(input));

    [Theory]
    [InlineData("ICP+MS")]
    [InlineData("+12")]
    [InlineData("a+b")]
    [InlineData("C+AB-")] // 12 bits: not a whole UTF-16 unit
    [InlineData("no plus at all")]
    public void PlainPlusSigns_AreLeftAlone(string input) => Assert.Equal(input, Utf7Text.Decode(input));
}
