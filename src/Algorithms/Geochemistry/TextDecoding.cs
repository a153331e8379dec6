using System.Text;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// Bytes to text for table files: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise strict UTF-8, and Latin-1
/// when the bytes are not valid UTF-8 (GEOROC reference blocks carry ISO-8859-1 degree signs).
/// </summary>
public static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Encoding.UTF8.GetString(bytes[3..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode.GetString(bytes[2..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return StrictUtf8.GetString(bytes);
        return Encoding.Latin1.GetString(bytes);
    }
}
