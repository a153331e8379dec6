using System.Text;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// A part of a file decoded one window at a time into one reused buffer (then the next part, see <see cref="Restart"/>):
/// what is left of the previous window (a record cut by its end) followed by the next chunk's characters. Decoding a 13 MB part into a buffer of its own
/// size costs more in first touches of fresh memory (about 3.5 ms per MB on the virtual machines measured) than
/// the decoding itself; a window of a few hundred KB is reused while it is still in the CPU's cache.
/// </summary>
internal sealed class TextWindow
{
    private readonly ByteSource _source;
    private long _end;
    private readonly Decoder _decoder;
    private readonly byte[] _bytes;
    private char[] _chars;
    private long _at;
    private int _length;

    /// <summary>Bytes [from, to) of <paramref name="source"/>, <paramref name="windowBytes"/> at a time; empty until <see cref="Advance"/>.</summary>
    public TextWindow(ByteSource source, long from, long to, Encoding encoding, int windowBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowBytes, 1);
        _source = source;
        _at = from;
        _end = to;
        _decoder = encoding.GetDecoder();
        _bytes = GC.AllocateUninitializedArray<byte>(windowBytes);
        _chars = GC.AllocateUninitializedArray<char>(windowBytes + Slack);
    }

    /// <summary>Goes on with bytes [from, to) in the same buffers (empty until <see cref="Advance"/>).</summary>
    public void Restart(long from, long to)
    {
        _at = from;
        _end = to;
        _length = 0;
        _decoder.Reset();
    }

    // UTF-8 and Latin-1 give at most one character per byte, counting the bytes of a sequence the decoder held back.
    private const int Slack = 8;

    /// <summary>The characters decoded and not yet dropped.</summary>
    public ReadOnlyMemory<char> Text => new(_chars, 0, _length);

    /// <summary>True when the whole part has been decoded (<see cref="Text"/> runs to the part's end).</summary>
    public bool Final => _at >= _end;

    /// <summary>
    /// Drops the first <paramref name="consumed"/> characters and appends the next chunk's; false (nothing changed)
    /// when the part was already decoded to its end.
    /// </summary>
    public bool Advance(int consumed)
    {
        if (Final) return false;
        int kept = _length - consumed, chunk = (int)Math.Min(_bytes.Length, _end - _at);
        if (kept + chunk + Slack > _chars.Length)
        {
            // A record longer than a window (or a quote left open): the buffer grows, by doubling.
            var bigger = GC.AllocateUninitializedArray<char>(Math.Max(2 * _chars.Length, kept + chunk + Slack));
            _chars.AsSpan(consumed, kept).CopyTo(bigger);
            _chars = bigger;
        }
        else if (consumed > 0)
        {
            _chars.AsSpan(consumed, kept).CopyTo(_chars);
        }
        int read = _source.Read(_at, _bytes.AsSpan(0, chunk));
        if (read <= 0) throw new IOException("the file became shorter while it was read");
        _at += read;
        _length = kept + _decoder.GetChars(_bytes.AsSpan(0, read), _chars.AsSpan(kept), flush: Final);
        return true;
    }
}
