using Google.Protobuf;
using GisBridge.Algorithms.Common;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Streaming;

/// <summary>
/// Rebuilds one raster from its header and row-block chunks, checking every size against the header so that a
/// malformed or truncated stream is refused with INVALID_ARGUMENT naming what is wrong. Memory follows the data, not
/// the header: each chunk's bytes are copied once into a pooled array (<see cref="ChunkBufferPool"/>) and reserved
/// against the server's <see cref="MemoryBudget"/> as they arrive, so a header claiming gigabytes costs nothing
/// until they come.
/// </summary>
public sealed class RasterAssembler : IDisposable
{
    // Bookkeeping of one kept chunk (message, byte string, list slot), charged to the budget beside its data so
    // that a stream of one-row chunks of a one-column raster cannot hold many times its data size.
    private const int ChunkOverheadBytes = 160;

    private readonly List<RasterChunk>[] _pieces;
    private readonly List<byte[]> _rented = [];
    private readonly int _rowBytes;
    private readonly MemoryBudget.Lease? _lease;
    private long _rowsReceived;
    private bool _decoded;

    public RasterAssembler(RasterHeader header, long maxBytes, MemoryBudget? budget = null)
    {
        Header = header;
        string n = string.IsNullOrEmpty(header.Name) ? "raster" : header.Name;
        if (header.Width <= 0 || header.Height <= 0)
            throw new JobInputException($"{n}.width/height", $"must be positive, got {header.Width}x{header.Height}");
        if (header.BandCount <= 0 || header.BandCount > 4096)
            throw new JobInputException($"{n}.band_count", $"must be 1..4096, got {header.BandCount}");
        if (header.DataType == RasterDataType.Unspecified || !Enum.IsDefined(header.DataType))
            throw new JobInputException($"{n}.data_type", $"unknown data type {(int)header.DataType}");
        if (header.Geotransform.Count != 6 || header.Geotransform.Any(v => !double.IsFinite(v)))
            throw new JobInputException($"{n}.geotransform", $"needs 6 finite coefficients, got {header.Geotransform.Count}");
        if (header.HasNodata && double.IsInfinity(header.Nodata))
            throw new JobInputException($"{n}.nodata", "must be finite or NaN");
        int size = PixelCodec.SizeOf(header.DataType);
        long cells = (long)header.Width * header.Height;
        long total = cells * size * header.BandCount;
        string what = $"raster '{n}' of {header.Width}x{header.Height}x{header.BandCount} {header.DataType}";
        if (total > maxBytes || cells > Array.MaxLength || (long)header.Width * size > Array.MaxLength)
            throw new ResourceLimitException($"{what} is {total:N0} bytes; the limit is {maxBytes:N0} bytes per raster");
        _lease = budget?.Open(what, total);
        _rowBytes = header.Width * size;
        _pieces = new List<RasterChunk>[header.BandCount];
        for (int b = 0; b < header.BandCount; b++) _pieces[b] = [];
    }

    public RasterHeader Header { get; }
    public bool IsComplete => _rowsReceived == (long)Header.Height * Header.BandCount;

    /// <summary>The chunks of one band as received, ordered by row (for sending the raster on unchanged); their bytes
    /// are pooled and valid until <see cref="Dispose"/>.</summary>
    public IReadOnlyList<RasterChunk> ChunksOf(int band) => _pieces[band];

    /// <summary>One band's bytes in one array (tests and small rasters).</summary>
    public byte[] CopyBand(int band)
    {
        var bytes = new byte[(long)Header.Height * _rowBytes];
        foreach (var c in _pieces[band]) c.Data.Span.CopyTo(bytes.AsSpan((int)((long)c.RowStart * _rowBytes)));
        return bytes;
    }

    public void Add(RasterChunk chunk)
    {
        string n = string.IsNullOrEmpty(Header.Name) ? "raster" : Header.Name;
        if (_decoded)
            throw new InvalidOperationException($"raster '{n}' was already decoded");
        if (chunk.Band < 0 || chunk.Band >= Header.BandCount)
            throw new JobInputException($"{n}.chunk.band", $"band {chunk.Band} is outside 0..{Header.BandCount - 1}");
        if (chunk.RowStart < 0 || chunk.RowCount <= 0 || (long)chunk.RowStart + chunk.RowCount > Header.Height)
            throw new JobInputException($"{n}.chunk.rows",
                $"rows {chunk.RowStart}..{(long)chunk.RowStart + chunk.RowCount - 1} are outside 0..{Header.Height - 1}");
        long expected = (long)chunk.RowCount * _rowBytes;
        if (chunk.Data.Length != expected)
            throw new JobInputException($"{n}.chunk.data",
                $"{chunk.Data.Length} bytes for {chunk.RowCount} rows of {Header.Width} {Header.DataType} cells, expected {expected}");
        var pieces = _pieces[chunk.Band];
        int at = InsertionIndex(pieces, chunk.RowStart);
        int end = chunk.RowStart + chunk.RowCount;
        int? twice = at > 0 && pieces[at - 1].RowStart + pieces[at - 1].RowCount > chunk.RowStart ? chunk.RowStart
            : at < pieces.Count && pieces[at].RowStart < end ? pieces[at].RowStart
            : null;
        if (twice is int r)
            throw new JobInputException($"{n}.chunk.rows", $"row {r} of band {chunk.Band} was sent twice");
        _lease?.Grow(ChunkBufferPool.SizeFor((int)expected) + ChunkOverheadBytes);
        var array = ChunkBufferPool.Rent((int)expected);
        _rented.Add(array);
        chunk.Data.Span.CopyTo(array);
        pieces.Insert(at, new RasterChunk
        {
            Band = chunk.Band, RowStart = chunk.RowStart, RowCount = chunk.RowCount,
            Data = UnsafeByteOperations.UnsafeWrap(array.AsMemory(0, (int)expected)),
        });
        _rowsReceived += chunk.RowCount;
    }

    /// <summary>Where a chunk starting at <paramref name="rowStart"/> goes; chunks usually come in order (append).</summary>
    private static int InsertionIndex(List<RasterChunk> pieces, int rowStart)
    {
        int lo = 0, hi = pieces.Count;
        if (hi == 0 || pieces[hi - 1].RowStart < rowStart) return hi;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (pieces[mid].RowStart < rowStart) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    public void Dispose()
    {
        ReturnArrays();
        _lease?.Dispose();
    }

    private void ReturnArrays()
    {
        for (int b = 0; b < _pieces.Length; b++) _pieces[b] = [];
        foreach (var array in _rented) ChunkBufferPool.Return(array);
        _rented.Clear();
    }

    /// <summary>Throws when rows are missing (a truncated stream).</summary>
    public void EnsureComplete()
    {
        if (IsComplete) return;
        string n = string.IsNullOrEmpty(Header.Name) ? "raster" : Header.Name;
        long expected = (long)Header.Height * Header.BandCount;
        throw new JobInputException(n, $"stream truncated: {_rowsReceived} of {expected} band rows received");
    }

    /// <summary>
    /// The decoded grid (nodata cells NaN), decoded chunk by chunk straight into its bands; the received bytes are
    /// let go and the budget lease now covers the grid. Once only. The CRS interpretation comes from the caller.
    /// </summary>
    public RasterGrid ToGrid(Func<string, CrsDescription> describeCrs)
    {
        EnsureComplete();
        double? nodata = Header.HasNodata ? Header.Nodata : null;
        int width = Header.Width;
        long gridBytes = (long)width * Header.Height * sizeof(float) * Header.BandCount;
        _lease?.Grow(gridBytes);
        var bands = new float[Header.BandCount][];
        for (int b = 0; b < bands.Length; b++)
        {
            var cells = GC.AllocateUninitializedArray<float>(width * Header.Height);
            foreach (var c in _pieces[b])
                PixelCodec.DecodeInto(c.Data.Span, Header.DataType, nodata, cells.AsSpan(c.RowStart * width, c.RowCount * width));
            bands[b] = cells;
        }
        ReturnArrays();
        _decoded = true;
        _lease?.ShrinkTo(gridBytes);
        var crs = describeCrs(Header.CrsWkt);
        return new RasterGrid(Header.Width, Header.Height, GeoTransform.FromArray(Header.Geotransform), bands)
        {
            CrsWkt = Header.CrsWkt,
            CrsKind = crs.Kind,
            LinearUnitMetres = crs.LinearUnitMetres,
            SemiMajorAxis = crs.SemiMajorAxis,
            InverseFlattening = crs.InverseFlattening,
            NoData = nodata,
            BandNames = Header.BandNames.ToArray(),
            BandUnits = Header.BandUnits.ToArray(),
            CategoryNames = Header.CategoryNames.ToArray(),
            CategoryColors = Header.CategoryColors.ToArray(),
        };
    }
}

/// <summary>What the algorithms need to know of a CRS.</summary>
public readonly record struct CrsDescription(CrsKind Kind, double LinearUnitMetres, double SemiMajorAxis, double InverseFlattening)
{
    public static CrsDescription Unknown => new(CrsKind.Unknown, 1.0, 6378137.0, 298.257223563);
}
