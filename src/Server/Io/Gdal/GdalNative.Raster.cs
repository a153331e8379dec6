using System.Runtime.InteropServices;

namespace GisBridge.Server.Io.Gdal;

/// <summary>GDAL dataset / raster band / driver / colour table functions.</summary>
internal static unsafe partial class GdalNative
{
    // GDALOpenEx flags.
    internal const uint GDAL_OF_READONLY = 0x00, GDAL_OF_UPDATE = 0x01, GDAL_OF_RASTER = 0x02,
        GDAL_OF_VECTOR = 0x04, GDAL_OF_VERBOSE_ERROR = 0x40;

    // GDALDataType values.
    internal const int GDT_Unknown = 0, GDT_Byte = 1, GDT_UInt16 = 2, GDT_Int16 = 3, GDT_UInt32 = 4,
        GDT_Int32 = 5, GDT_Float32 = 6, GDT_Float64 = 7;

    internal const int GF_Read = 0, GF_Write = 1;
    internal const int GPI_RGB = 1;
    internal const int GCI_PaletteIndex = 2;

    [StructLayout(LayoutKind.Sequential)]
    internal struct GDALColorEntry
    {
        public short C1, C2, C3, C4;
    }

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint GDALOpenEx(string path, uint flags, nint allowedDrivers, nint openOptions, nint siblingFiles);

    /// <summary>Closes a dataset (returns CPLErr from GDAL 3.7; read the error state instead for 3.6).</summary>
    [LibraryImport(Lib)]
    internal static partial void GDALClose(nint dataset);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint GDALGetDriverByName(string name);

    [LibraryImport(Lib)]
    internal static partial nint GDALGetDatasetDriver(nint dataset);

    [LibraryImport(Lib)]
    internal static partial nint GDALGetDriverShortName(nint driver);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint GDALCreate(nint driver, string path, int xSize, int ySize, int bands, int dataType, nint options);

    [LibraryImport(Lib)]
    internal static partial int GDALGetRasterXSize(nint dataset);

    [LibraryImport(Lib)]
    internal static partial int GDALGetRasterYSize(nint dataset);

    [LibraryImport(Lib)]
    internal static partial int GDALGetRasterCount(nint dataset);

    [LibraryImport(Lib)]
    internal static partial nint GDALGetRasterBand(nint dataset, int index);

    [LibraryImport(Lib)]
    internal static partial int GDALGetGeoTransform(nint dataset, double* transform);

    [LibraryImport(Lib)]
    internal static partial int GDALSetGeoTransform(nint dataset, double* transform);

    [LibraryImport(Lib)]
    internal static partial nint GDALGetProjectionRef(nint dataset);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int GDALSetProjection(nint dataset, string wkt);

    [LibraryImport(Lib)]
    internal static partial int GDALGetRasterDataType(nint band);

    [LibraryImport(Lib)]
    internal static partial nint GDALGetDataTypeName(int dataType);

    [LibraryImport(Lib)]
    internal static partial int GDALDataTypeIsComplex(int dataType);

    [LibraryImport(Lib)]
    internal static partial int GDALRasterIO(nint band, int rwFlag, int xOff, int yOff, int xSize, int ySize,
        void* buffer, int bufXSize, int bufYSize, int bufType, int pixelSpace, int lineSpace);

    [LibraryImport(Lib)]
    internal static partial double GDALGetRasterNoDataValue(nint band, int* success);

    [LibraryImport(Lib)]
    internal static partial int GDALSetRasterNoDataValue(nint band, double value);

    [LibraryImport(Lib)]
    internal static partial double GDALGetRasterScale(nint band, int* success);

    [LibraryImport(Lib)]
    internal static partial double GDALGetRasterOffset(nint band, int* success);

    /// <summary>Description of any GDAL object (band name for bands).</summary>
    [LibraryImport(Lib)]
    internal static partial nint GDALGetDescription(nint obj);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void GDALSetDescription(nint obj, string description);

    /// <summary>Units of a band's values ("" when the file states none).</summary>
    [LibraryImport(Lib)]
    internal static partial nint GDALGetRasterUnitType(nint band);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int GDALSetRasterUnitType(nint band, string unit);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint GDALGetMetadataItem(nint obj, string name, string? domain);

    [LibraryImport(Lib)]
    internal static partial nint GDALGetRasterCategoryNames(nint band);

    [LibraryImport(Lib)]
    internal static partial int GDALSetRasterCategoryNames(nint band, nint names);

    [LibraryImport(Lib)]
    internal static partial nint GDALGetRasterColorTable(nint band);

    [LibraryImport(Lib)]
    internal static partial int GDALSetRasterColorTable(nint band, nint table);

    [LibraryImport(Lib)]
    internal static partial int GDALSetRasterColorInterpretation(nint band, int interpretation);

    [LibraryImport(Lib)]
    internal static partial nint GDALCreateColorTable(int paletteInterpretation);

    [LibraryImport(Lib)]
    internal static partial void GDALDestroyColorTable(nint table);

    [LibraryImport(Lib)]
    internal static partial int GDALGetColorEntryCount(nint table);

    [LibraryImport(Lib)]
    internal static partial GDALColorEntry* GDALGetColorEntry(nint table, int index);

    [LibraryImport(Lib)]
    internal static partial void GDALSetColorEntry(nint table, int index, GDALColorEntry* entry);

    [LibraryImport(Lib)]
    internal static partial int GDALFillRaster(nint band, double real, double imaginary);

    /// <summary>Burns OGR layers into raster bands (attribute or constant values, options ATTRIBUTE=, ALL_TOUCHED=).</summary>
    [LibraryImport(Lib)]
    internal static partial int GDALRasterizeLayers(nint dataset, int bandCount, int* bands, int layerCount, nint* layers,
        nint transformer, nint transformArg, double* burnValues, nint options, nint progress, nint progressArg);
}
