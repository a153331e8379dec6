using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace GisBridge.Server.Gdal;

/// <summary>
/// One row in SQLite's record format (https://sqlite.org/fileformat2.html#record_format), built value by value:
/// a header of serial-type varints (preceded by the header's own length) and a body of big-endian values.
/// Reused from row to row by one thread: <see cref="Clear"/>, the values, <see cref="Finish"/>. The per-value
/// methods are optimised from their first call (a CLI job is over before tiered compilation would get to them).
/// </summary>
internal sealed unsafe class SqliteRecord(bool smallIntegerTypes)
{
    // Pinned, so that the hot Add* methods write through pointers: a GeoPackage of 100,000 rows is 8 million values.
    private byte[] _types = GC.AllocateUninitializedArray<byte>(1024, pinned: true);
    private byte[] _body = GC.AllocateUninitializedArray<byte>(8192, pinned: true);
    private int _typesLength, _bodyLength, _headerLength;

    /// <summary>Record length (header with its length varint, plus body); valid after <see cref="Finish"/>.</summary>
    public int Length => _headerLength + _bodyLength;

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddNull()
    {
        Room(0);
        _types[_typesLength++] = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddReal(double v)
    {
        Room(8);
        _types[_typesLength++] = 7;
        fixed (byte* b = &_body[_bodyLength])
            *(ulong*)b = BinaryPrimitives.ReverseEndianness(BitConverter.DoubleToUInt64Bits(v));
        _bodyLength += 8;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddInteger(long v)
    {
        Open(1, 8, out var types, out var body);
        int t = 0, b = 0;
        PutInteger(types, ref t, body, ref b, v, smallIntegerTypes);
        Advance(t, b);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddText(string s)
    {
        Room(Encoding.UTF8.GetMaxByteCount(s.Length));
        int written = Encoding.UTF8.GetBytes(s, _body.AsSpan(_bodyLength));
        _bodyLength += written;
        AddType(2 * (ulong)written + 13);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddBlob(ReadOnlySpan<byte> blob)
    {
        Room(blob.Length);
        blob.CopyTo(_body.AsSpan(_bodyLength));
        _bodyLength += blob.Length;
        AddType(2 * (ulong)blob.Length + 12);
    }

    /// <summary>
    /// For encoders that write a whole row at once: room for <paramref name="typeBytes"/> serial-type bytes and
    /// <paramref name="bodyBytes"/> body bytes, as spans to fill from their start; <see cref="Advance"/> then says how
    /// much was written (<see cref="PutInteger"/> and <see cref="SqliteVarint.Write"/> help to fill them).
    /// </summary>
    public void Open(int typeBytes, int bodyBytes, out Span<byte> types, out Span<byte> body)
    {
        if (_typesLength + typeBytes > _types.Length)
            _types = Larger(_types, _typesLength, _typesLength + typeBytes);
        if (_bodyLength + bodyBytes + 8 > _body.Length)
            _body = Larger(_body, _bodyLength, _bodyLength + bodyBytes + 8);
        types = _types.AsSpan(_typesLength, typeBytes);
        body = _body.AsSpan(_bodyLength, bodyBytes + 8); // 8 spare: whole-word writes
    }

    /// <summary>Takes in what was written to the spans of <see cref="Open"/>.</summary>
    public void Advance(int typeBytes, int bodyBytes)
    {
        _typesLength += typeBytes;
        _bodyLength += bodyBytes;
    }

    /// <summary>Serial type and big-endian body of an integer (smallest form; the constants 0 and 1 from schema format 4).</summary>
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

    public bool SmallIntegerTypes => smallIntegerTypes;

    /// <summary>Writes the record (<see cref="Length"/> bytes) to <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void CopyTo(Span<byte> destination)
    {
        int at = SqliteVarint.Write(destination, (ulong)_headerLength);
        _types.AsSpan(0, _typesLength).CopyTo(destination[at..]);
        _body.AsSpan(0, _bodyLength).CopyTo(destination[(at + _typesLength)..]);
    }

    private void AddType(ulong type) => _typesLength += SqliteVarint.Write(_types.AsSpan(_typesLength), type);

    /// <summary>Room for one more serial type (9 bytes) and <paramref name="bodyBytes"/> more body bytes, plus 8 spare for whole-word writes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Room(int bodyBytes)
    {
        if (_typesLength + 9 > _types.Length || _bodyLength + bodyBytes + 8 > _body.Length)
            Grow(bodyBytes);
    }

    private void Grow(int bodyBytes)
    {
        if (_typesLength + 9 > _types.Length)
            _types = Larger(_types, _typesLength, _typesLength + 9);
        if (_bodyLength + bodyBytes + 8 > _body.Length)
            _body = Larger(_body, _bodyLength, _bodyLength + bodyBytes + 8);
    }

    private static byte[] Larger(byte[] old, int used, int needed)
    {
        var bigger = GC.AllocateUninitializedArray<byte>(Math.Max(2 * old.Length, needed), pinned: true);
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
