using GisBridge.Protocol.V1;

namespace GisBridge.Server.Io.Gdal;

/// <summary>Mapping between the protocol's <see cref="RasterDataType"/> and <see cref="RasterPixelType"/>.</summary>
public static class RasterPixelTypes
{
    /// <summary>The pixel type for a protocol data type; Unspecified means Float32.</summary>
    public static RasterPixelType FromProtocol(RasterDataType type) => type switch
    {
        RasterDataType.Unspecified or RasterDataType.Float32 => RasterPixelType.Float32,
        RasterDataType.Uint8 => RasterPixelType.Byte,
        RasterDataType.Int16 => RasterPixelType.Int16,
        RasterDataType.Uint16 => RasterPixelType.UInt16,
        RasterDataType.Int32 => RasterPixelType.Int32,
        RasterDataType.Float64 => RasterPixelType.Float64,
        _ => throw new ArgumentException($"unknown raster data type {type}"),
    };

    public static RasterDataType ToProtocol(RasterPixelType type) => type switch
    {
        RasterPixelType.Byte => RasterDataType.Uint8,
        RasterPixelType.Int16 => RasterDataType.Int16,
        RasterPixelType.UInt16 => RasterDataType.Uint16,
        RasterPixelType.Int32 => RasterDataType.Int32,
        RasterPixelType.Float32 => RasterDataType.Float32,
        RasterPixelType.Float64 => RasterDataType.Float64,
        _ => throw new ArgumentException($"unknown pixel type {type}"),
    };
}
