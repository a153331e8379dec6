using System.Text;
using GisBridge.Algorithms.Geochemistry;

namespace GisBridge.Algorithms.Tests.Geochemistry;

/// <summary>Decoding a file stream chunk by chunk must give exactly what decoding all its bytes at once gives.</summary>
public class TextDecodingTests
{
    /// <summary>About 2.5 MB of UTF-8 whose multi-byte characters fall across the 1 MB read boundaries.</summary>
    private static string LongText()
    {
        var sb = new StringBuilder();
        for (int i = 0; sb.Length < 2_500_000; i++)
            sb.Append(i % 3 == 0 ? "Fe³⁺,δ18O,−12.5,😀\n" : $"{i},50.1,basalt,\n");
        return sb.ToString();
    }

    public static TheoryData<string, byte[]> Files()
    {
        string text = LongText();
        var utf8 = Encoding.UTF8.GetBytes(text);
        var latin1 = Encoding.Latin1.GetBytes("Lat,Lon,Comment\n-12.5,66.1,45°S dredge\n" + new string('x', 1_100_000) + "°\n");
        return new TheoryData<string, byte[]>
        {
            { "utf8", utf8 },
            { "utf8 with BOM", [0xEF, 0xBB, 0xBF, .. utf8] },
            { "latin1", latin1 },
            { "utf16 LE with BOM", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("a,b\n1,é\n")] },
            { "tiny", "a,"u8.ToArray() },
            { "empty", [] },
        };
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Stream_DecodesLikeTheWholeBytes(string name, byte[] bytes)
    {
        string expected = TextDecoding.Decode(bytes);
        Assert.Equal(expected, TextDecoding.Decode(new MemoryStream(bytes)));
        Assert.Equal(expected, TextDecoding.Decode(new NonSeekable(bytes)));
        if (name == "latin1") Assert.Contains("45°S", expected);
        if (name.StartsWith("utf8", StringComparison.Ordinal)) Assert.Equal(LongText(), expected);
    }

    [Fact]
    public void Stream_IsReadFromItsCurrentPosition()
    {
        var bytes = Encoding.UTF8.GetBytes("skipped|Lat,Lon\n1,2\n");
        var stream = new MemoryStream(bytes) { Position = 8 };
        Assert.Equal("Lat,Lon\n1,2\n", TextDecoding.Decode(stream));
    }

    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
