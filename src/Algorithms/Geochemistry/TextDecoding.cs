using System.Buffers;
using System.Text;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// Bytes to text for table files: a BOM decides (UTF-8, UTF-16 LE/BE); otherwise strict UTF-8, and Latin-1
/// when the bytes are not valid UTF-8 (GEOROC reference blocks carry ISO-8859-1 degree signs).
/// </summary>
public static class TextDecoding
{
    private const int ChunkBytes = 1 << 20;
    /// <summary>UTF-8 that throws on invalid bytes (such files are then read as Latin-1).</summary>
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>True when the bytes start with a UTF-16 byte-order mark, in either byte order.</summary>
    internal static bool StartsWithUtf16Bom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);

    /// <summary>True when the bytes start with the UTF-8 byte-order mark.</summary>
    internal static bool StartsWithUtf8Bom(ReadOnlySpan<byte> bytes) => bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (StartsWithUtf8Bom(bytes)) return Encoding.UTF8.GetString(bytes[3..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return Encoding.Unicode.GetString(bytes[2..]);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Encoding.BigEndianUnicode.GetString(bytes[2..]);
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return StrictUtf8.GetString(bytes);
        return Encoding.Latin1.GetString(bytes);
    }

    /// <summary>
    /// Decodes the rest of a stream as <see cref="Decode(ReadOnlySpan{byte})"/> does. A seekable UTF-8/Latin-1
    /// stream is read twice through one small buffer (count the characters, then decode straight into the
    /// string) instead of being held whole as bytes: touching fresh memory is what a large file costs most.
    /// </summary>
    public static string Decode(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || stream.Length - stream.Position < 4)
            return DecodeWhole(stream);
        long start = stream.Position;
        Span<byte> bom = stackalloc byte[3];
        stream.ReadExactly(bom);
        if (StartsWithUtf16Bom(bom))
        {
            stream.Position = start;
            return DecodeWhole(stream); // UTF-16: rare, small files
        }
        if (!StartsWithUtf8Bom(bom))
            stream.Position = start;
        long textStart = stream.Position;
        byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            bool bomUtf8 = textStart != start;
            Encoding encoding = bomUtf8 ? Encoding.UTF8 : StrictUtf8;
            long chars = CountChars(stream, chunk, encoding.GetDecoder());
            if (chars < 0)
            {
                encoding = Encoding.Latin1;
                chars = stream.Length - textStart;
            }
            if (chars > Array.MaxLength)
                throw new ArgumentException($"the file is too large ({chars} characters)");
            stream.Position = textStart;
            return string.Create((int)chars, (stream, chunk, encoding), static (text, state) =>
            {
                var (s, buffer, enc) = state;
                var decoder = enc.GetDecoder();
                int at = 0, read;
                while ((read = s.Read(buffer, 0, buffer.Length)) > 0)
                    at += decoder.GetChars(buffer.AsSpan(0, read), text[at..], flush: false);
                at += decoder.GetChars([], text[at..], flush: true);
                if (at != text.Length)
                    throw new IOException($"the file changed while it was read ({at} characters instead of {text.Length})");
            });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>Characters the stream decodes to, or -1 when it is not valid for a strict decoder.</summary>
    private static long CountChars(Stream stream, byte[] chunk, Decoder decoder)
    {
        long chars = 0;
        int read;
        try
        {
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
                chars += decoder.GetCharCount(chunk.AsSpan(0, read), flush: false);
            return chars + decoder.GetCharCount([], flush: true);
        }
        catch (DecoderFallbackException)
        {
            return -1;
        }
    }

    private static string DecodeWhole(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
