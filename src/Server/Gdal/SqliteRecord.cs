using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace GisBridge.Server.Gdal;

/// <summary>
/// One row in SQLite's record format (https://sqlite.org/fileformat2.html#record_format), built value by value:
/// a header of serial-type varints (preceded by the header's own length) and a body of big-endian values.
/// Reused from row to row by one thread: <see cref="Clear"/>, the values, <see cref="Finish"/>.
/// </summary>
internal sealed class SqliteRecord(bool smallIntegerTypes)
{
    private byte[] _types = new byte[256];
    private byte[] _body = new byte[1024];
    private int _typesLength, _bodyLength, _headerLength;

    /// <summary>Record length (header with its length varint, plus body); valid after <see cref="Finish"/>.</summary>
    public int Length => _headerLength + _bodyLength;

    public void Clear() => _typesLength = _bodyLength = _headerLength = 0;

    /// <summary>Ends the row: sizes the header, whose length counts its own varint (which may grow the length it states).</summary>
    public void Finish()
    {
        int length = _typesLength + 1;
        while (SqliteVarint.Length((ulong)length) + _typesLength != length)
            length = _typesLength + SqliteVarint.Length((ulong)length);
        _headerLength = length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddNull() => AddType(0);

    public void AddInteger(long v)
    {
        // Serial types 8 and 9 (the constants 0 and 1, no body) exist from schema format 4 on.
        if (smallIntegerTypes && v is 0 or 1)
        {
            AddType(v == 0 ? 8UL : 9UL);
            return;
        }
        (ulong type, int bytes) = v switch
        {
            >= sbyte.MinValue and <= sbyte.MaxValue => (1UL, 1),
            >= short.MinValue and <= short.MaxValue => (2UL, 2),
            >= -8388608 and <= 8388607 => (3UL, 3),
            >= int.MinValue and <= int.MaxValue => (4UL, 4),
            >= -140737488355328 and <= 140737488355327 => (5UL, 6),
            _ => (6UL, 8),
        };
        AddType(type);
        Span<byte> big = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(big, v);
        big[(8 - bytes)..].CopyTo(Body(bytes));
        _bodyLength += bytes;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddReal(double v)
    {
        AddType(7);
        BinaryPrimitives.WriteDoubleBigEndian(Body(8), v);
        _bodyLength += 8;
    }

    public void AddText(string s)
    {
        int written = Encoding.UTF8.GetBytes(s, Body(Encoding.UTF8.GetMaxByteCount(s.Length)));
        _bodyLength += written;
        AddType(2 * (ulong)written + 13);
    }

    public void AddBlob(ReadOnlySpan<byte> blob)
    {
        blob.CopyTo(Body(blob.Length));
        _bodyLength += blob.Length;
        AddType(2 * (ulong)blob.Length + 12);
    }

    /// <summary>Writes the record (<see cref="Length"/> bytes) to <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        int at = SqliteVarint.Write(destination, (ulong)_headerLength);
        _types.AsSpan(0, _typesLength).CopyTo(destination[at..]);
        _body.AsSpan(0, _bodyLength).CopyTo(destination[(at + _typesLength)..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddType(ulong type)
    {
        if (type < 0x80 && _typesLength < _types.Length)
            _types[_typesLength++] = (byte)type; // nearly every serial type is one byte
        else
            AddLongType(type);
    }

    private void AddLongType(ulong type)
    {
        if (_typesLength + 9 > _types.Length)
            Array.Resize(ref _types, 2 * _types.Length);
        _typesLength += SqliteVarint.Write(_types.AsSpan(_typesLength), type);
    }

    /// <summary>Room for <paramref name="bytes"/> more body bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Body(int bytes)
    {
        if (_bodyLength + bytes > _body.Length)
            Array.Resize(ref _body, Math.Max(2 * _body.Length, _bodyLength + bytes));
        return _body.AsSpan(_bodyLength, bytes);
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
