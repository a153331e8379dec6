using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// Packs rows (rowid + record, rowids increasing) into table b-tree leaf pages (type 0x0D), a buffer of pages at a
/// time, and appends full buffers to the file. Pages are packed full; cells sit at the end of the page in reverse
/// order, the cell pointer array after the 8-byte header, unused bytes are zero. One instance per thread.
/// </summary>
internal sealed class SqliteLeafPages
{
    private const int LeafHeaderBytes = 8;
    private readonly SqlitePageFile _file;
    private readonly int _pageSize, _usable, _maxLocal, _capacity;
    private byte[] _buffer;
    private readonly List<(long Page, long LastRowId)> _leaves = [];
    private int _buffered, _cells, _contentStart, _firstUnwritten;
    private long _lastRowId = long.MinValue;

    /// <summary>Pages are packed in <paramref name="buffer"/> (two pages at least), which is handed to the shared pool once written.</summary>
    public SqliteLeafPages(SqlitePageFile file, byte[] buffer)
    {
        _file = file;
        _buffer = buffer;
        (_pageSize, _usable) = (file.PageSize, file.UsableSize);
        _maxLocal = file.UsableSize - 35; // largest table-leaf payload without overflow pages (fileformat2: X = U - 35)
        _capacity = buffer.Length / file.PageSize;
    }

    /// <summary>Leaf pages in rowid order: page number (0 while still in the buffer) and largest rowid.</summary>
    public IReadOnlyList<(long Page, long LastRowId)> Leaves => _leaves;

    public long FirstRowId { get; private set; } = long.MinValue;

    /// <summary>True when exactly one leaf exists and it was never written (a table that fits in its root page).</summary>
    public bool OnlyPageBuffered => _leaves.Count == 1 && _leaves[0].Page == 0 && _cells == 0;

    /// <summary>The first buffered page (see <see cref="OnlyPageBuffered"/>).</summary>
    public ReadOnlySpan<byte> FirstBufferedPage => _buffer.AsSpan(0, _pageSize);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // once per row
    public void Add(long rowId, SqliteRecord record)
    {
        if (rowId <= _lastRowId)
            throw new InvalidOperationException($"rowid {rowId} after {_lastRowId}: rows must come in increasing rowid order");
        int payload = record.Length;
        if (payload > _maxLocal)
            throw new SqliteRowTooLargeException($"a {payload}-byte row needs overflow pages (largest in-page row: {_maxLocal} bytes)");
        int cell = SqliteVarint.Length((ulong)payload) + SqliteVarint.Length((ulong)rowId) + payload;
        if (_cells > 0 && LeafHeaderBytes + 2 * (_cells + 1) > _contentStart - cell)
            EndPage();
        if (_cells == 0)
            _contentStart = _usable;
        var page = _buffer.AsSpan(_buffered * _pageSize, _pageSize);
        _contentStart -= cell;
        var at = page[_contentStart..];
        int n = SqliteVarint.Write(at, (ulong)payload);
        n += SqliteVarint.Write(at[n..], (ulong)rowId);
        record.CopyTo(at[n..]);
        BinaryPrimitives.WriteUInt16BigEndian(page[(LeafHeaderBytes + 2 * _cells)..], (ushort)_contentStart);
        _cells++;
        if (FirstRowId == long.MinValue)
            FirstRowId = rowId;
        _lastRowId = rowId;
    }

    /// <summary>Closes the page being filled (if it has rows).</summary>
    public void EndPage()
    {
        if (_cells == 0)
            return;
        var page = _buffer.AsSpan(_buffered * _pageSize, _pageSize);
        page[0] = 0x0D;
        BinaryPrimitives.WriteUInt16BigEndian(page[1..], 0); // no freeblock
        BinaryPrimitives.WriteUInt16BigEndian(page[3..], (ushort)_cells);
        BinaryPrimitives.WriteUInt16BigEndian(page[5..], (ushort)(_contentStart == 65536 ? 0 : _contentStart));
        page[7] = 0; // no fragmented bytes
        page[(LeafHeaderBytes + 2 * _cells).._contentStart].Clear();
        page[_usable..].Clear();
        _leaves.Add((0, _lastRowId));
        _cells = 0;
        if (++_buffered == _capacity)
            Flush();
    }

    /// <summary>Appends the buffered pages to the file and records their page numbers; the last flush may hand the buffer back to the shared pool.</summary>
    public void Flush(bool returnBuffer = false)
    {
        var numbers = _file.Append(_buffer.AsSpan(0, _buffered * _pageSize));
        for (int i = 0; i < numbers.Length; i++)
            _leaves[_firstUnwritten + i] = (numbers[i], _leaves[_firstUnwritten + i].LastRowId);
        _firstUnwritten += numbers.Length;
        _buffered = 0;
        if (returnBuffer)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}

/// <summary>A row does not fit in one page; the caller writes the table through SQLite instead.</summary>
internal sealed class SqliteRowTooLargeException(string message) : Exception(message);
