using GisBridge.Algorithms.Common;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Streaming;

/// <summary>
/// Rebuilds one raster from its header and row-block chunks, checking every size against the header so that a
/// malformed or truncated stream is refused with INVALID_ARGUMENT naming what is wrong.
/// </summary>
public sealed class RasterAssembler
{
    private readonly byte[][] _bands;
    private readonly bool[][] _rowsSeen;
    private readonly int _rowBytes;
    private long _rowsReceived;

    public RasterAssembler(RasterHeader header, long maxBytes)
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
        long bandBytes = (long)header.Width * header.Height * size;
        long total = bandBytes * header.BandCount;
        if (total > maxBytes || bandBytes > Array.MaxLength)
            throw new ResourceLimitException(
                $"raster '{n}' of {header.Width}x{header.Height}x{header.BandCount} {header.DataType} is {total:N0} bytes; " +
                $"the limit is {maxBytes:N0} bytes per raster");
        _rowBytes = header.Width * size;
        _bands = new byte[header.BandCount][];
        _rowsSeen = new bool[header.BandCount][];
        for (int b = 0; b < header.BandCount; b++)
        {
            _bands[b] = GC.AllocateUninitializedArray<byte>((int)bandBytes);
            _rowsSeen[b] = new bool[header.Height];
        }
    }

    public RasterHeader Header { get; }
    public bool IsComplete => _rowsReceived == (long)Header.Height * Header.BandCount;
    public IReadOnlyList<byte[]> BandBytes => _bands;

    public void Add(RasterChunk chunk)
    {
        string n = string.IsNullOrEmpty(Header.Name) ? "raster" : Header.Name;
        if (chunk.Band < 0 || chunk.Band >= Header.BandCount)
            throw new JobInputException($"{n}.chunk.band", $"band {chunk.Band} is outside 0..{Header.BandCount - 1}");
        if (chunk.RowStart < 0 || chunk.RowCount <= 0 || (long)chunk.RowStart + chunk.RowCount > Header.Height)
            throw new JobInputException($"{n}.chunk.rows",
                $"rows {chunk.RowStart}..{(long)chunk.RowStart + chunk.RowCount - 1} are outside 0..{Header.Height - 1}");
        long expected = (long)chunk.RowCount * _rowBytes;
        if (chunk.Data.Length != expected)
            throw new JobInputException($"{n}.chunk.data",
                $"{chunk.Data.Length} bytes for {chunk.RowCount} rows of {Header.Width} {Header.DataType} cells, expected {expected}");
        var seen = _rowsSeen[chunk.Band];
        for (int r = chunk.RowStart; r < chunk.RowStart + chunk.RowCount; r++)
        {
            if (seen[r])
                throw new JobInputException($"{n}.chunk.rows", $"row {r} of band {chunk.Band} was sent twice");
            seen[r] = true;
        }
        chunk.Data.Span.CopyTo(_bands[chunk.Band].AsSpan((int)((long)chunk.RowStart * _rowBytes)));
        _rowsReceived += chunk.RowCount;
    }

    /// <summary>Throws when rows are missing (a truncated stream).</summary>
    public void EnsureComplete()
    {
        if (IsComplete) return;
        string n = string.IsNullOrEmpty(Header.Name) ? "raster" : Header.Name;
        long expected = (long)Header.Height * Header.BandCount;
        throw new JobInputException(n, $"stream truncated: {_rowsReceived} of {expected} band rows received");
    }

    /// <summary>The decoded grid (nodata cells NaN); the CRS interpretation comes from the caller.</summary>
    public RasterGrid ToGrid(Func<string, CrsDescription> describeCrs)
    {
        EnsureComplete();
        double? nodata = Header.HasNodata ? Header.Nodata : null;
        var bands = _bands.Select(b => PixelCodec.Decode(b, Header.DataType, nodata)).ToArray();
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
