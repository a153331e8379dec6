using System.Runtime.InteropServices;

namespace GisBridge.Server.Io.Gdal;

/// <summary>OGR vector functions: layers, field definitions, features and geometries.</summary>
internal static unsafe partial class GdalNative
{
    // OGRFieldType values.
    internal const int OFTInteger = 0, OFTIntegerList = 1, OFTReal = 2, OFTRealList = 3, OFTString = 4,
        OFTStringList = 5, OFTBinary = 8, OFTDate = 9, OFTTime = 10, OFTDateTime = 11, OFTInteger64 = 12,
        OFTInteger64List = 13;

    // OGRwkbGeometryType values used here (the 2.5D flag marks a Z dimension).
    internal const int wkbUnknown = 0, wkbPoint = 1, wkbLineString = 2, wkbPolygon = 3, wkbMultiPoint = 4,
        wkbMultiLineString = 5, wkbMultiPolygon = 6, wkbGeometryCollection = 7, wkbNone = 100;
    internal const uint wkb25DBit = 0x80000000;
    internal const int wkbNDR = 1;
    internal const int OGRERR_NONE = 0;

    [LibraryImport(Lib)]
    internal static partial int GDALDatasetGetLayerCount(nint dataset);

    [LibraryImport(Lib)]
    internal static partial nint GDALDatasetGetLayer(nint dataset, int index);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint GDALDatasetGetLayerByName(nint dataset, string name);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint GDALDatasetCreateLayer(nint dataset, string name, nint srs, int geometryType, nint options);

    [LibraryImport(Lib)]
    internal static partial int GDALDatasetStartTransaction(nint dataset, int force);

    [LibraryImport(Lib)]
    internal static partial int GDALDatasetCommitTransaction(nint dataset);

    [LibraryImport(Lib)]
    internal static partial int GDALDatasetRollbackTransaction(nint dataset);

    [LibraryImport(Lib)]
    internal static partial nint OGR_L_GetName(nint layer);

    [LibraryImport(Lib)]
    internal static partial nint OGR_L_GetLayerDefn(nint layer);

    [LibraryImport(Lib)]
    internal static partial nint OGR_L_GetSpatialRef(nint layer);

    [LibraryImport(Lib)]
    internal static partial void OGR_L_ResetReading(nint layer);

    [LibraryImport(Lib)]
    internal static partial nint OGR_L_GetNextFeature(nint layer);

    [LibraryImport(Lib)]
    internal static partial long OGR_L_GetFeatureCount(nint layer, int force);

    [LibraryImport(Lib)]
    internal static partial int OGR_L_CreateField(nint layer, nint fieldDefn, int approxOk);

    [LibraryImport(Lib)]
    internal static partial int OGR_L_CreateFeature(nint layer, nint feature);

    [LibraryImport(Lib)]
    internal static partial int OGR_FD_GetFieldCount(nint featureDefn);

    [LibraryImport(Lib)]
    internal static partial nint OGR_FD_GetFieldDefn(nint featureDefn, int index);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint OGR_Fld_Create(string name, int fieldType);

    [LibraryImport(Lib)]
    internal static partial void OGR_Fld_Destroy(nint fieldDefn);

    [LibraryImport(Lib)]
    internal static partial nint OGR_Fld_GetNameRef(nint fieldDefn);

    [LibraryImport(Lib)]
    internal static partial int OGR_Fld_GetType(nint fieldDefn);

    [LibraryImport(Lib)]
    internal static partial nint OGR_F_Create(nint featureDefn);

    [LibraryImport(Lib)]
    internal static partial void OGR_F_Destroy(nint feature);

    [LibraryImport(Lib)]
    internal static partial int OGR_F_IsFieldSetAndNotNull(nint feature, int index);

    [LibraryImport(Lib)]
    internal static partial int OGR_F_GetFieldAsInteger(nint feature, int index);

    [LibraryImport(Lib)]
    internal static partial long OGR_F_GetFieldAsInteger64(nint feature, int index);

    [LibraryImport(Lib)]
    internal static partial double OGR_F_GetFieldAsDouble(nint feature, int index);

    [LibraryImport(Lib)]
    internal static partial nint OGR_F_GetFieldAsString(nint feature, int index);

    [LibraryImport(Lib)]
    internal static partial int OGR_F_GetFieldAsDateTimeEx(nint feature, int index, int* year, int* month, int* day,
        int* hour, int* minute, float* second, int* tzFlag);

    [LibraryImport(Lib)]
    internal static partial void OGR_F_SetFieldInteger64(nint feature, int index, long value);

    [LibraryImport(Lib)]
    internal static partial void OGR_F_SetFieldDouble(nint feature, int index, double value);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void OGR_F_SetFieldString(nint feature, int index, string value);

    [LibraryImport(Lib)]
    internal static partial void OGR_F_SetFieldDateTimeEx(nint feature, int index, int year, int month, int day,
        int hour, int minute, float second, int tzFlag);

    [LibraryImport(Lib)]
    internal static partial void OGR_F_SetFieldNull(nint feature, int index);

    /// <summary>The feature's geometry, owned by the feature.</summary>
    [LibraryImport(Lib)]
    internal static partial nint OGR_F_GetGeometryRef(nint feature);

    /// <summary>Hands the geometry over to the feature (no copy, no destroy afterwards).</summary>
    [LibraryImport(Lib)]
    internal static partial int OGR_F_SetGeometryDirectly(nint feature, nint geometry);

    [LibraryImport(Lib)]
    internal static partial int OGR_G_CreateFromWkb(byte* wkb, nint srs, nint* geometry, int bytes);

    [LibraryImport(Lib)]
    internal static partial void OGR_G_DestroyGeometry(nint geometry);

    /// <summary>An empty geometry of that type, to be handed over or destroyed by the caller.</summary>
    [LibraryImport(Lib)]
    internal static partial nint OGR_G_CreateGeometry(int geometryType);

    [LibraryImport(Lib)]
    internal static partial void OGR_G_SetPoint_2D(nint geometry, int index, double x, double y);

    [LibraryImport(Lib)]
    internal static partial int OGR_G_WkbSize(nint geometry);

    [LibraryImport(Lib)]
    internal static partial int OGR_G_ExportToIsoWkb(nint geometry, int byteOrder, byte* buffer);

    [LibraryImport(Lib)]
    internal static partial int OGR_G_HasCurveGeometry(nint geometry, int lookForNonLinear);

    /// <summary>A linearised copy of a curve geometry, to be destroyed by the caller.</summary>
    [LibraryImport(Lib)]
    internal static partial nint OGR_G_GetLinearGeometry(nint geometry, double maxAngleStepDegrees, nint options);
}
