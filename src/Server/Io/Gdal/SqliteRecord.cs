using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// One row in SQLite's record format (https://sqlite.org/fileformat2.html#record_format), built value by value:
/// a header of serial-type varints (preceded by the header's own length) and a body of big-endian values.
/// Reused from row to row by one thread: <see cref="Clear"/>, the values, <see cref="Finish"/>. Encoders of wide rows
/// fill a whole row through <see cref="Open"/> and the static Put* methods (the same encodings as the Add* methods),
/// with their running offsets in registers.
/// </summary>
internal sealed class SqliteRecord(bool smallIntegerTypes)
{
    private byte[] _types = new byte[1024];
    private byte[] _body = new byte[8192];
    private int _typesLength, _bodyLength, _headerLength;

    /// <summary>Record length (header with its length varint, plus body); valid after <see cref="Finish"/>.</summary>
    public int Length => _headerLength + _bodyLength;

    /// <summary>Serial types 8 and 9 (the constants 0 and 1, no body) are allowed (schema format 4 on).</summary>
    public bool SmallIntegerTypes => smallIntegerTypes;

    public void Clear() => _typesLength = _bodyLength = _headerLength = 0;

    /// <summary>Ends the row: sizes the header, whose length counts its own varint (which may grow the length it states).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Finish()
    {
        int length = _typesLength + 1;
        while (SqliteVarint.Length((ulong)length) + _typesLength != length)
            length = _typesLength + SqliteVarint.Length((ulong)length);
        _headerLength = length;
    }

    public void AddNull()
    {
        Open(1, 0, out var types, out _);
        int t = 0;
        PutNull(types, ref t);
        Advance(t, 0);
    }

    public void AddReal(double v)
    {
        Open(1, 8, out var types, out var body);
        int t = 0, b = 0;
        PutReal(types, ref t, body, ref b, v);
        Advance(t, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per row of an R-tree's rowid table
    public void AddInteger(long v)
    {
        Open(1, 8, out var types, out var body);
        int t = 0, b = 0;
        PutInteger(types, ref t, body, ref b, v, smallIntegerTypes);
        Advance(t, b);
    }

    public void AddText(string s)
    {
        Open(9, Encoding.UTF8.GetMaxByteCount(s.Length), out var types, out var body);
        int t = 0, b = 0;
        PutText(types, ref t, body, ref b, s);
        Advance(t, b);
    }

    public void AddBlob(ReadOnlySpan<byte> blob)
    {
        Open(9, blob.Length, out var types, out var body);
        int t = 0, b = 0;
        PutBlob(types, ref t, body, ref b, blob);
        Advance(t, b);
    }

    /// <summary>
    /// Room for <paramref name="typeBytes"/> serial-type bytes and <paramref name="bodyBytes"/> body bytes, as spans to
    /// fill from their start (the body span has 8 spare bytes for whole-word writes); <see cref="Advance"/> then says
    /// how much was written.
    /// </summary>
    public void Open(int typeBytes, int bodyBytes, out Span<byte> types, out Span<byte> body)
    {
        if (_typesLength + typeBytes > _types.Length)
            _types = Larger(_types, _typesLength, _typesLength + typeBytes);
        if (_bodyLength + bodyBytes + 8 > _body.Length)
            _body = Larger(_body, _bodyLength, _bodyLength + bodyBytes + 8);
        types = _types.AsSpan(_typesLength, typeBytes);
        body = _body.AsSpan(_bodyLength, bodyBytes + 8);
    }

    /// <summary>Takes in what was written to the spans of <see cref="Open"/>.</summary>
    public void Advance(int typeBytes, int bodyBytes)
    {
        _typesLength += typeBytes;
        _bodyLength += bodyBytes;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PutNull(Span<byte> types, ref int t) => types[t++] = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PutReal(Span<byte> types, ref int t, Span<byte> body, ref int b, double v)
    {
        types[t++] = 7;
        BinaryPrimitives.WriteDoubleBigEndian(body[b..], v);
        b += 8;
    }

    /// <summary>Serial type and big-endian body of an integer (smallest form; the constants 0 and 1 when allowed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PutInteger(Span<byte> types, ref int t, Span<byte> body, ref int b, long v, bool smallIntegerTypes)
    {
        if (smallIntegerTypes && v is 0 or 1)
        {
            types[t++] = (byte)(v == 0 ? 8 : 9);
            return;
        }
        (byte type, int bytes) = v switch
        {
            >= sbyte.MinValue and <= sbyte.MaxValue => ((byte)1, 1),
            >= short.MinValue and <= short.MaxValue => ((byte)2, 2),
            >= -8388608 and <= 8388607 => ((byte)3, 3),
            >= int.MinValue and <= int.MaxValue => ((byte)4, 4),
            >= -140737488355328 and <= 140737488355327 => ((byte)5, 6),
            _ => ((byte)6, 8),
        };
        types[t++] = type;
        // The low `bytes` bytes, most significant first (body has 8 spare bytes for the whole-word write).
        BinaryPrimitives.WriteUInt64LittleEndian(body[b..], BinaryPrimitives.ReverseEndianness((ulong)v) >> (8 * (8 - bytes)));
        b += bytes;
    }

    /// <summary>UTF-8 text (body room: 3 bytes per char; types room: 9).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PutText(Span<byte> types, ref int t, Span<byte> body, ref int b, string s)
    {
        int n = Encoding.UTF8.GetBytes(s, body[b..]);
        b += n;
        t += SqliteVarint.Write(types[t..], 2 * (ulong)n + 13);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PutBlob(Span<byte> types, ref int t, Span<byte> body, ref int b, ReadOnlySpan<byte> blob)
    {
        blob.CopyTo(body[b..]);
        b += blob.Length;
        t += SqliteVarint.Write(types[t..], 2 * (ulong)blob.Length + 12);
    }

    /// <summary>Writes the record (<see cref="Length"/> bytes) to <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CopyTo(Span<byte> destination)
    {
        int at = SqliteVarint.Write(destination, (ulong)_headerLength);
        _types.AsSpan(0, _typesLength).CopyTo(destination[at..]);
        _body.AsSpan(0, _bodyLength).CopyTo(destination[(at + _typesLength)..]);
    }

    private static byte[] Larger(byte[] old, int used, int needed)
    {
        var bigger = GC.AllocateUninitializedArray<byte>(Math.Max(2 * old.Length, needed));
        old.AsSpan(0, used).CopyTo(bigger);
        return bigger;
    }
}

/// <summary>SQLite's variable-length integers: 7 bits per byte, most significant first, the 9th byte takes 8 bits.</summary>
internal static class SqliteVarint
{
    public static int Length(ulong v)
    {
        if (v < 0x80)
            return 1;
        if (v > 0x00FF_FFFF_FFFF_FFFF)
            return 9;
        int n = 1;
        while ((v >>= 7) != 0)
            n++;
        return n;
    }

    public static int Write(Span<byte> to, ulong v)
    {
        if (v < 0x80)
        {
            to[0] = (byte)v;
            return 1;
        }
        if (v > 0x00FF_FFFF_FFFF_FFFF)
        {
            to[8] = (byte)v;
            v >>= 8;
            for (int i = 7; i >= 0; i--)
            {
                to[i] = (byte)((v & 0x7F) | 0x80);
                v >>= 7;
            }
            return 9;
        }
        int n = Length(v);
        for (int i = n - 1; i >= 0; i--)
        {
            to[i] = (byte)((v & 0x7F) | (i == n - 1 ? 0UL : 0x80UL));
            v >>= 7;
        }
        return n;
    }
}
