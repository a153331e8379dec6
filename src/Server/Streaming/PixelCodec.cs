using System.Buffers.Binary;
using System.Runtime.InteropServices;
using GisBridge.Protocol.V1;

namespace GisBridge.Server.Streaming;

/// <summary>Little-endian pixel bytes of a protocol data type to and from float32 cells (NaN = nodata).</summary>
public static class PixelCodec
{
    public static int SizeOf(RasterDataType type) => type switch
    {
        RasterDataType.Uint8 => 1,
        RasterDataType.Int16 or RasterDataType.Uint16 => 2,
        RasterDataType.Int32 or RasterDataType.Float32 => 4,
        RasterDataType.Float64 => 8,
        _ => throw new ArgumentException($"data_type: {type} is not a supported raster data type"),
    };

    /// <summary>Decodes one band; cells equal to nodata (compared on the stored value) become NaN.</summary>
    public static float[] Decode(ReadOnlySpan<byte> bytes, RasterDataType type, double? nodata)
    {
        var cells = new float[bytes.Length / SizeOf(type)];
        DecodeInto(bytes, type, nodata, cells);
        return cells;
    }

    /// <summary>Decodes <paramref name="bytes"/> into <paramref name="cells"/> (one cell per value, same count).</summary>
    public static void DecodeInto(ReadOnlySpan<byte> bytes, RasterDataType type, double? nodata, Span<float> cells)
    {
        int size = SizeOf(type);
        if (bytes.Length != cells.Length * size)
            throw new ArgumentException($"{bytes.Length} bytes of {type} do not make {cells.Length} cells");
        switch (type)
        {
            case RasterDataType.Float32:
                if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("big-endian hosts");
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(cells);
                if (nodata is double nd && !double.IsNaN(nd))
                {
                    float ndf = (float)nd;
                    for (int i = 0; i < cells.Length; i++) if (cells[i] == ndf) cells[i] = float.NaN;
                }
                return;
            case RasterDataType.Float64:
                for (int i = 0; i < cells.Length; i++)
                {
                    double v = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..]);
                    cells[i] = nodata is double d && v == d ? float.NaN : (float)v;
                }
                return;
            default:
                for (int i = 0; i < cells.Length; i++)
                {
                    double v = ReadInteger(bytes, i, type);
                    cells[i] = nodata is double d && v == d ? float.NaN : (float)v;
                }
                return;
        }
    }

    /// <summary>Encodes one band; NaN cells are written as <paramref name="nodata"/> (NaN for float types without one).</summary>
    public static byte[] Encode(ReadOnlySpan<float> cells, RasterDataType type, double? nodata)
    {
        int size = SizeOf(type);
        var bytes = new byte[cells.Length * size];
        bool isFloat = type is RasterDataType.Float32 or RasterDataType.Float64;
        if (!isFloat && nodata is null && HasNaN(cells))
            throw new ArgumentException($"cells are NaN but the {type} output has no nodata value");
        double fill = nodata ?? double.NaN;
        for (int i = 0; i < cells.Length; i++)
        {
            double v = float.IsNaN(cells[i]) ? fill : cells[i];
            var dst = bytes.AsSpan(i * size);
            switch (type)
            {
                case RasterDataType.Float32: BinaryPrimitives.WriteSingleLittleEndian(dst, (float)v); break;
                case RasterDataType.Float64: BinaryPrimitives.WriteDoubleLittleEndian(dst, v); break;
                case RasterDataType.Uint8: dst[0] = (byte)Math.Clamp(Math.Round(v), 0, 255); break;
                case RasterDataType.Int16: BinaryPrimitives.WriteInt16LittleEndian(dst, (short)Math.Clamp(Math.Round(v), short.MinValue, short.MaxValue)); break;
                case RasterDataType.Uint16: BinaryPrimitives.WriteUInt16LittleEndian(dst, (ushort)Math.Clamp(Math.Round(v), 0, ushort.MaxValue)); break;
                case RasterDataType.Int32: BinaryPrimitives.WriteInt32LittleEndian(dst, (int)Math.Clamp(Math.Round(v), int.MinValue, int.MaxValue)); break;
            }
        }
        return bytes;
    }

    private static bool HasNaN(ReadOnlySpan<float> cells)
    {
        foreach (var c in cells) if (float.IsNaN(c)) return true;
        return false;
    }

    private static double ReadInteger(ReadOnlySpan<byte> bytes, int i, RasterDataType type) => type switch
    {
        RasterDataType.Uint8 => bytes[i],
        RasterDataType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(bytes[(i * 2)..]),
        RasterDataType.Uint16 => BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]),
        RasterDataType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]),
        _ => throw new ArgumentException($"data_type: {type} is not an integer type"),
    };
}
