using Google.Protobuf;
using GisBridge.Algorithms.Common;
using GisBridge.Protocol.V1;

namespace GisBridge.Server.Streaming;

/// <summary>Splits a raster into a header and row blocks of at most ~1 MB each, band by band.</summary>
public static class RasterChunker
{
    public const int MaxChunkBytes = 1 << 20;

    public static RasterHeader HeaderFor(string name, RasterGrid grid, RasterDataType type)
    {
        var h = new RasterHeader
        {
            Name = name,
            Width = grid.Width,
            Height = grid.Height,
            BandCount = grid.Bands.Count,
            DataType = type,
            CrsWkt = grid.CrsWkt,
        };
        h.Geotransform.AddRange(grid.Transform.ToArray());
        double? nodata = grid.NoData ?? (type is RasterDataType.Float32 or RasterDataType.Float64 ? null : DefaultNoData(type));
        if (nodata is double nd)
        {
            h.HasNodata = true;
            h.Nodata = nd;
        }
        h.BandNames.AddRange(grid.BandNames);
        h.BandUnits.AddRange(grid.BandUnits);
        h.CategoryNames.AddRange(grid.CategoryNames);
        h.CategoryColors.AddRange(grid.CategoryColors);
        return h;
    }

    /// <summary>Header then chunks of the grid encoded as <paramref name="type"/>.</summary>
    public static IEnumerable<JobData> Encode(string name, RasterGrid grid, RasterDataType type)
    {
        var header = HeaderFor(name, grid, type);
        yield return new JobData { RasterHeader = header };
        double? nodata = header.HasNodata ? header.Nodata : null;
        for (int b = 0; b < grid.Bands.Count; b++)
        {
            byte[] bytes = PixelCodec.Encode(grid.Bands[b], type, nodata);
            foreach (var chunk in Chunks(header, b, bytes)) yield return chunk;
        }
    }

    /// <summary>Chunks of one band's bytes; the bytes are wrapped, not copied, so they must not change afterwards.</summary>
    public static IEnumerable<JobData> Chunks(RasterHeader header, int band, byte[] bandBytes)
    {
        int rowBytes = header.Width * PixelCodec.SizeOf(header.DataType);
        int rowsPerChunk = Math.Max(1, MaxChunkBytes / rowBytes);
        for (int row = 0; row < header.Height; row += rowsPerChunk)
        {
            int count = Math.Min(rowsPerChunk, header.Height - row);
            var data = UnsafeByteOperations.UnsafeWrap(bandBytes.AsMemory(row * rowBytes, count * rowBytes));
            yield return new JobData
            {
                RasterChunk = new RasterChunk { Band = band, RowStart = row, RowCount = count, Data = data },
            };
        }
    }

    /// <summary>The chunk itself when it is at most <see cref="MaxChunkBytes"/>, else row blocks of it under that size
    /// (slices of its bytes, not copies).</summary>
    public static IEnumerable<RasterChunk> Split(RasterChunk chunk, RasterHeader header)
    {
        if (chunk.Data.Length <= MaxChunkBytes)
        {
            yield return chunk;
            yield break;
        }
        int rowBytes = header.Width * PixelCodec.SizeOf(header.DataType);
        int rowsPerChunk = Math.Max(1, MaxChunkBytes / rowBytes);
        var bytes = chunk.Data.Memory;
        for (int row = 0; row < chunk.RowCount; row += rowsPerChunk)
        {
            int count = Math.Min(rowsPerChunk, chunk.RowCount - row);
            yield return new RasterChunk
            {
                Band = chunk.Band, RowStart = chunk.RowStart + row, RowCount = count,
                Data = UnsafeByteOperations.UnsafeWrap(bytes.Slice(row * rowBytes, count * rowBytes)),
            };
        }
    }

    /// <summary>The nodata value used for integer outputs that must mark NaN cells and have none of their own.</summary>
    public static double DefaultNoData(RasterDataType type) => type switch
    {
        RasterDataType.Uint8 => 255,
        RasterDataType.Uint16 => ushort.MaxValue,
        RasterDataType.Int16 => short.MinValue,
        RasterDataType.Int32 => int.MinValue,
        _ => double.NaN,
    };
}
