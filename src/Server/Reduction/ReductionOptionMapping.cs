using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Gravity.Reduction;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Reduction;

/// <summary>Protocol enums to the algorithm's types. A grid without a CRS is settled where inputs are read (Jobs/InputCrs).</summary>
public static class ReductionOptionMapping
{
    public static ReferenceEllipsoid Ellipsoid(Proto.ReferenceEllipsoidKind kind) =>
        kind == Proto.ReferenceEllipsoidKind.Grs80 ? ReferenceEllipsoid.Grs80 : ReferenceEllipsoid.Wgs84;

    public static HeightReduction Method(Proto.HeightReductionKind kind) =>
        kind == Proto.HeightReductionKind.FreeAirGradient ? HeightReduction.FreeAirGradient : HeightReduction.Exact;

    /// <summary>The ellipsoid and method are protocol enum values; heights (m) between the deepest trench and orbit.</summary>
    public static void Check(Proto.ReferenceEllipsoidKind ellipsoid, Proto.HeightReductionKind method, double heightMetres)
    {
        Jobs.OptionChecks.Defined(ellipsoid, "ellipsoid");
        Jobs.OptionChecks.Defined(method, "method");
        Jobs.OptionChecks.Range(heightMetres, -12_000, 1_000_000, "height_m");
    }

    /// <summary>The grid of role <paramref name="role"/>, the observation height
    /// (constant, or the optional "height" raster), the ellipsoid and the height reduction of a job's options.</summary>
    public static (RasterGrid Grid, ObservationHeight Height, ReferenceEllipsoid Ellipsoid, HeightReduction Method) Inputs(
        Jobs.JobInputs inputs, string role, Proto.ReferenceEllipsoidKind ellipsoid,
        Proto.HeightReductionKind method, double heightMetres) =>
        (inputs.Raster(role),
         new ObservationHeight(heightMetres, inputs.HasRaster("height") ? inputs.Raster("height") : null),
         Ellipsoid(ellipsoid), Method(method));
}
