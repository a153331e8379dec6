using GisBridge.Algorithms.Common;

namespace GisBridge.Server.Io.Gdal;

/// <summary>What the algorithms need to know about a CRS, read through OSR.</summary>
public sealed record CrsSummary(CrsKind Kind, double LinearUnitMetres, double SemiMajorAxis, double InverseFlattening,
    string? Authority)
{
    public static readonly CrsSummary Unknown = new(CrsKind.Unknown, 1.0, 6378137.0, 298.257223563, null);
}

/// <summary>OSR spatial reference helpers (handles are always destroyed here).</summary>
internal static unsafe class GdalCrs
{
    /// <summary>
    /// A new OSR handle from WKT, "EPSG:n" or a PROJ string, with longitude/easting-first axis order; the caller
    /// destroys it. Throws ArgumentException naming <paramref name="field"/> when GDAL cannot parse it.
    /// </summary>
    internal static nint Create(string definition, string field)
    {
        GdalLibrary.EnsureInitialized();
        GdalErrors.Reset();
        nint srs = GdalNative.OSRNewSpatialReference(null);
        if (srs == 0)
            throw GdalErrors.Error("cannot create a spatial reference", null);
        if (GdalNative.OSRSetFromUserInput(srs, definition) != GdalNative.OGRERR_NONE)
        {
            GdalNative.OSRDestroySpatialReference(srs);
            string gdal = GdalErrors.Message();
            string shown = definition.Length > 80 ? definition[..80] + "..." : definition;
            throw new ArgumentException($"{field}: not a coordinate reference system GDAL understands ('{shown}')" +
                (gdal.Length > 0 ? $": {gdal}" : ""));
        }
        GdalNative.OSRSetAxisMappingStrategy(srs, GdalNative.OAMS_TRADITIONAL_GIS_ORDER);
        return srs;
    }

    /// <summary>WKT of a CRS definition (WKT, "EPSG:n", PROJ); ArgumentException naming <paramref name="field"/> when unknown.</summary>
    internal static string ToWkt(string definition, string field)
    {
        nint srs = Create(definition, field);
        try
        {
            return ToWkt(srs);
        }
        finally
        {
            GdalNative.OSRDestroySpatialReference(srs);
        }
    }

    /// <summary>WKT of an OSR handle (not destroyed), "" when it cannot be exported.</summary>
    internal static string ToWkt(nint srs)
    {
        if (srs == 0)
            return "";
        nint wkt = 0;
        try
        {
            return GdalNative.OSRExportToWkt(srs, &wkt) == GdalNative.OGRERR_NONE ? GdalNative.Str(wkt) : "";
        }
        finally
        {
            if (wkt != 0)
                GdalNative.VSIFree(wkt);
        }
    }

    /// <summary>Kind, unit and ellipsoid of a CRS given as WKT; <see cref="CrsSummary.Unknown"/> for "".</summary>
    internal static CrsSummary Describe(string wkt)
    {
        if (string.IsNullOrWhiteSpace(wkt))
            return CrsSummary.Unknown;
        nint srs = GdalNative.OSRNewSpatialReference(null);
        if (srs == 0)
            return CrsSummary.Unknown;
        try
        {
            if (GdalNative.OSRSetFromUserInput(srs, wkt) != GdalNative.OGRERR_NONE)
                return CrsSummary.Unknown;
            return Describe(srs);
        }
        finally
        {
            GdalNative.OSRDestroySpatialReference(srs);
        }
    }

    private static CrsSummary Describe(nint srs)
    {
        var kind = GdalNative.OSRIsGeographic(srs) != 0 ? CrsKind.Geographic
            : GdalNative.OSRIsProjected(srs) != 0 || GdalNative.OSRIsLocal(srs) != 0 ? CrsKind.Projected
            : CrsKind.Unknown;
        double unit = 1.0;
        if (kind == CrsKind.Projected)
        {
            nint unitName = 0;
            double u = GdalNative.OSRGetLinearUnits(srs, &unitName);
            if (u > 0 && double.IsFinite(u))
                unit = u;
        }
        int err = 0;
        double a = GdalNative.OSRGetSemiMajor(srs, &err);
        if (err != 0 || !(a > 0))
            a = CrsSummary.Unknown.SemiMajorAxis;
        err = 0;
        double invF = GdalNative.OSRGetInvFlattening(srs, &err);
        if (err != 0 || !(invF >= 0) || !double.IsFinite(invF))
            invF = CrsSummary.Unknown.InverseFlattening;
        return new CrsSummary(kind, unit, a, invF, Authority(srs));
    }

    /// <summary>"EPSG:4326" style identifier when the CRS has or can be given one.</summary>
    private static string? Authority(nint srs)
    {
        string name = GdalNative.Str(GdalNative.OSRGetAuthorityName(srs, null));
        string code = GdalNative.Str(GdalNative.OSRGetAuthorityCode(srs, null));
        if (name.Length == 0 || code.Length == 0)
        {
            GdalErrors.Reset();
            if (GdalNative.OSRAutoIdentifyEPSG(srs) != GdalNative.OGRERR_NONE)
            {
                GdalErrors.Reset(); // a CRS without EPSG code is not an error
                return null;
            }
            name = GdalNative.Str(GdalNative.OSRGetAuthorityName(srs, null));
            code = GdalNative.Str(GdalNative.OSRGetAuthorityCode(srs, null));
        }
        return name.Length > 0 && code.Length > 0 ? $"{name}:{code}" : null;
    }
}
