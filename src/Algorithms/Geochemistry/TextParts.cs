using System.Buffers;
using System.Text;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>How a large file is read in parts (internal: tests use small parts to put split points anywhere).</summary>
/// <param name="MinThreadBytes">Bytes per thread at least: below 2 MiB a second thread does not pay.</param>
/// <param name="MaxThreads">Threads at most (default one per core, 8 at most).</param>
/// <param name="PartsPerThread">The file is cut in this many parts per thread, which the threads take in turn as
/// they finish the previous one: a thread that started late (the first plans the columns) or is slowed by other
/// work takes fewer parts, and all finish at about the same time.</param>
internal sealed record ParallelReadSettings(long MinThreadBytes, int MaxThreads, int WindowBytes = ParallelReadSettings.DefaultWindowBytes,
    int PartsPerThread = ParallelReadSettings.DefaultPartsPerThread)
{
    /// <summary>Bytes a part decodes at a time (<see cref="TextWindow"/>): a buffer that stays in the CPU's cache.</summary>
    public const int DefaultWindowBytes = 256 << 10;

    public const int DefaultPartsPerThread = 4;

    public static readonly ParallelReadSettings Default = new(2L << 20, Math.Min(Environment.ProcessorCount, 8));
}

/// <summary>Bytes at any offset of a seekable stream, readable from several threads at once (positional reads).</summary>
internal abstract class ByteSource
{
    public abstract int Read(long offset, Span<byte> buffer);

    /// <summary>A file stream is read through its handle; another seekable stream one read at a time (it moves its position).</summary>
    public static ByteSource? For(Stream stream) => stream switch
    {
        FileStream { CanSeek: true } file => new FileBytes(file),
        { CanSeek: true } seekable => new SharedStreamBytes(seekable),
        _ => null,
    };

    private sealed class FileBytes(FileStream file) : ByteSource
    {
        public override int Read(long offset, Span<byte> buffer) => RandomAccess.Read(file.SafeFileHandle, buffer, offset);
    }

    private sealed class SharedStreamBytes(Stream stream) : ByteSource
    {
        public override int Read(long offset, Span<byte> buffer)
        {
            lock (stream)
            {
                stream.Position = offset;
                int total = 0, read;
                while (total < buffer.Length && (read = stream.Read(buffer[total..])) > 0) total += read;
                return total;
            }
        }
    }
}

/// <summary>
/// Splits a table file's bytes into parts that start at record boundaries and decodes each part on its own, so
/// that parts can be parsed in parallel. A split point follows a line break outside quotes by quote parity (the
/// parser checks it: the part before must end with a complete record). Quotes, CR and LF are single bytes in
/// UTF-8 and Latin-1, so the split works on bytes; UTF-16 files are not split.
/// </summary>
internal static class TextParts
{
    internal const int ChunkBytes = 1 << 20;

    /// <summary>
    /// Byte offsets: Bounds[k]..Bounds[k + 1] is part k (Bounds[0] after any BOM, the last the end). Breaks[k]: the
    /// line breaks of part k as <see cref="GeochemTableReader.LineBreaks"/> counts them in the decoded text (CR and
    /// LF are single bytes in UTF-8 and Latin-1, never part of another character); EndsWithBreak: the last byte is one.
    /// </summary>
    public sealed record Split(Encoding Encoding, long[] Bounds, int[] Breaks, bool EndsWithBreak);

    /// <summary>
    /// One pass over the bytes from <paramref name="start"/>: the encoding as <see cref="TextDecoding"/> decides it
    /// (BOM, else strict UTF-8 when valid, else Latin-1), up to <paramref name="parts"/> parts of about equal
    /// size and their line breaks. Null for UTF-16 (byte-order mark) and when no split point was found.
    /// </summary>
    public static Split? Find(ByteSource source, long start, long length, int parts, int chunkBytes = ChunkBytes)
    {
        Span<byte> bom = stackalloc byte[3];
        int got = source.Read(start, bom);
        if (TextDecoding.StartsWithUtf16Bom(bom[..got])) return null;
        bool utf8Bom = TextDecoding.StartsWithUtf8Bom(bom[..got]);
        long first = start + (utf8Bom ? 3 : 0), end = start + length;
        var bounds = new List<long> { first };
        var breaksBefore = new List<long> { 0 }; // line breaks before each bound
        bool valid = true; // strict UTF-8 so far (checked unless a BOM decides)
        long quotes = 0, breaks = 0, target = first + (end - first) / parts;
        byte last = 0; // the byte before the current one (a CR before an LF makes one line break)
        byte[] chunk = ArrayPool<byte>.Shared.Rent(chunkBytes + 4);
        try
        {
            int carried = 0; // bytes of an incomplete UTF-8 sequence moved to the front of the next chunk
            for (long at = first; at < end;)
            {
                int read = source.Read(at, chunk.AsSpan(carried, (int)Math.Min(chunkBytes, end - at)));
                if (read <= 0) throw new IOException("the file became shorter while it was read");
                var withCarried = chunk.AsSpan(0, carried + read);
                var span = withCarried[carried..];
                long spanStart = at;
                at += read;
                int tail = 0;
                if (!utf8Bom && valid)
                {
                    tail = at >= end ? 0 : IncompleteUtf8Tail(withCarried);
                    valid = System.Text.Unicode.Utf8.IsValid(withCarried[..^tail]);
                }
                // Quote parity up to each target, then the first line break at even parity after it.
                int i = 0;
                while (bounds.Count < parts && i < span.Length)
                {
                    long before = target - spanStart;
                    if (before > i)
                    {
                        int upTo = (int)Math.Min(before, span.Length);
                        quotes += span[i..upTo].Count((byte)'"');
                        breaks += LineBreaks(span[i..upTo], ref last);
                        i = upTo;
                        continue;
                    }
                    byte c = span[i++];
                    if (c == '\r' || c == '\n' && last != '\r') breaks++;
                    last = c;
                    if (c == '"') quotes++;
                    else if ((c == '\n' || c == '\r' && i < span.Length && span[i] != '\n') && quotes % 2 == 0 && spanStart + i < end)
                    {
                        bounds.Add(spanStart + i);
                        breaksBefore.Add(breaks);
                        target = Math.Max(spanStart + i, first + (end - first) * bounds.Count / parts);
                    }
                }
                breaks += LineBreaks(span[i..], ref last);
                withCarried[^tail..].CopyTo(chunk); // an incomplete UTF-8 sequence is validated with the next chunk
                carried = tail;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        if (bounds.Count < 2) return null;
        bounds.Add(end);
        breaksBefore.Add(breaks);
        var partBreaks = new int[bounds.Count - 1];
        for (int k = 0; k < partBreaks.Length; k++) partBreaks[k] = checked((int)(breaksBefore[k + 1] - breaksBefore[k]));
        var encoding = utf8Bom ? Encoding.UTF8 : valid ? TextDecoding.StrictUtf8 : Encoding.Latin1;
        return new Split(encoding, [.. bounds], partBreaks, last is (byte)'\n' or (byte)'\r');
    }

    /// <summary>CR, LF and CRLF in <paramref name="span"/>, one each; <paramref name="last"/>: the byte before it, then its last byte.</summary>
    private static int LineBreaks(ReadOnlySpan<byte> span, ref byte last)
    {
        if (span.IsEmpty) return 0;
        int breaks = span.Count((byte)'\n') + span.Count((byte)'\r') - span.Count("\r\n"u8);
        if (last == '\r' && span[0] == '\n') breaks--; // a CRLF across two pieces
        last = span[^1];
        return breaks;
    }

    /// <summary>Bytes at the end that start a UTF-8 sequence without its continuation bytes (0 to 3).</summary>
    private static int IncompleteUtf8Tail(ReadOnlySpan<byte> span)
    {
        for (int k = 1; k <= 3 && k <= span.Length; k++)
        {
            byte b = span[^k];
            if ((b & 0xC0) == 0x80) continue; // continuation byte: look further back for the lead byte
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > k ? k : 0;
        }
        return 0;
    }
}
