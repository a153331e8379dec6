using System.Runtime.InteropServices;

namespace GisBridge.Server.Io.Gdal;

/// <summary>OGR spatial reference (OSR) functions.</summary>
internal static unsafe partial class GdalNative
{
    /// <summary>Longitude/easting first, whatever the authority's axis order (GDAL 3 default is authority order).</summary>
    internal const int OAMS_TRADITIONAL_GIS_ORDER = 0;

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint OSRNewSpatialReference(string? wkt);

    [LibraryImport(Lib)]
    internal static partial void OSRDestroySpatialReference(nint srs);

    /// <summary>Accepts WKT, PROJ strings, "EPSG:n" and more. Returns OGRERR_NONE (0) on success.</summary>
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int OSRSetFromUserInput(nint srs, string definition);

    [LibraryImport(Lib)]
    internal static partial void OSRSetAxisMappingStrategy(nint srs, int strategy);

    /// <summary>Exports WKT into a string that must be freed with VSIFree.</summary>
    [LibraryImport(Lib)]
    internal static partial int OSRExportToWkt(nint srs, nint* wkt);

    [LibraryImport(Lib)]
    internal static partial int OSRIsGeographic(nint srs);

    [LibraryImport(Lib)]
    internal static partial int OSRIsProjected(nint srs);

    [LibraryImport(Lib)]
    internal static partial int OSRIsLocal(nint srs);

    [LibraryImport(Lib)]
    internal static partial double OSRGetLinearUnits(nint srs, nint* unitName);

    [LibraryImport(Lib)]
    internal static partial double OSRGetSemiMajor(nint srs, int* error);

    [LibraryImport(Lib)]
    internal static partial double OSRGetInvFlattening(nint srs, int* error);

    [LibraryImport(Lib)]
    internal static partial int OSRAutoIdentifyEPSG(nint srs);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint OSRGetAuthorityCode(nint srs, string? targetKey);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint OSRGetAuthorityName(nint srs, string? targetKey);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void OSRSetPROJSearchPaths(nint paths);
}
