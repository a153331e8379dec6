using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Gravity.Reduction;

/// <summary>How normal gravity is carried from the ellipsoid up to the observation height.</summary>
public enum HeightReduction
{
    /// <summary>Exact closed form at height (Li &amp; Götze 2001): the gravity disturbance.</summary>
    Exact = 0,
    /// <summary>Linear free-air gradient 0.3086 mGal/m on Somigliana's γ0: the classical free-air anomaly.</summary>
    FreeAirGradient = 1,
}

/// <summary>Where the observations are: one height for the whole grid (a model grid at 10 km) or a height grid.</summary>
public sealed record ObservationHeight(double Constant, RasterGrid? Grid = null, int GridBand = 0);

/// <summary>
/// Reductions of a gravity grid (mGal): normal gravity, gravity disturbance / free-air anomaly and the simple
/// Bouguer anomaly. Cell by cell, in double precision; NaN cells stay NaN.
/// </summary>
public static class GravityReduction
{
    /// <summary>Normal gravity γ(φ, h) on the template's grid.</summary>
    public static RasterGrid NormalGravityGrid(RasterGrid template, ReferenceEllipsoid ellipsoid, ObservationHeight height,
        HeightReduction method, List<string> warnings)
    {
        var latitudes = GridLatitudes.Of(template, warnings);
        var heights = HeightBand(template, height);
        var output = new float[(long)template.Width * template.Height];
        Parallel.For(0, template.Height, row =>
        {
            long offset = (long)row * template.Width;
            for (int col = 0; col < template.Width; col++)
            {
                double h = heights is null ? height.Constant : heights[offset + col];
                output[offset + col] = (float)Gamma(ellipsoid, latitudes[row], h, method);
            }
        });
        return Output(template, output, "normal_gravity");
    }

    /// <summary>Observed gravity minus normal gravity at the observation point.</summary>
    public static RasterGrid Disturbance(RasterGrid gravity, int band, ReferenceEllipsoid ellipsoid, ObservationHeight height,
        HeightReduction method, List<string> warnings)
    {
        CheckBand(gravity, band);
        var latitudes = GridLatitudes.Of(gravity, warnings);
        var heights = HeightBand(gravity, height);
        var g = gravity.Bands[band];
        var output = new float[g.LongLength];
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        object gate = new();
        Parallel.For(0, gravity.Height, row =>
        {
            long offset = (long)row * gravity.Width;
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (int col = 0; col < gravity.Width; col++)
            {
                float value = g[offset + col];
                double h = heights is null ? height.Constant : heights[offset + col];
                if (float.IsNaN(value) || double.IsNaN(h)) { output[offset + col] = float.NaN; continue; }
                lo = Math.Min(lo, value); hi = Math.Max(hi, value);
                output[offset + col] = (float)(value - Gamma(ellipsoid, latitudes[row], h, method));
            }
            lock (gate) { min = Math.Min(min, lo); max = Math.Max(max, hi); }
        });
        // Absolute gravity on Earth lies within ~976,000-984,000 mGal; an anomaly grid given by mistake is far off.
        if (max < 900_000 || min > 1_000_000)
            throw new ArgumentException($"the input values ({min:0.#}..{max:0.#}) are not absolute gravity in mGal (expected about 975,000-984,000); " +
                "give observed gravity magnitude, not an anomaly");
        return Output(gravity, output, method == HeightReduction.Exact ? "gravity_disturbance" : "free_air_anomaly");
    }

    /// <summary>Simple Bouguer anomaly = anomaly - 2πGρh; also returns the correction itself.</summary>
    public static (RasterGrid Anomaly, RasterGrid Correction) Bouguer(RasterGrid anomaly, int band, RasterGrid topography,
        double crustDensity, double waterDensity)
    {
        CheckBand(anomaly, band);
        GridLatitudes.RequireSameGrid(anomaly, topography, "the topography grid");
        if (!(crustDensity > 0 && crustDensity < 10000) || !(waterDensity >= 0 && waterDensity < crustDensity))
            throw new ArgumentException($"densities must satisfy 0 <= water ({waterDensity}) < crust ({crustDensity}) < 10000 kg/m³");
        var a = anomaly.Bands[band];
        var topo = topography.Bands[0];
        var bouguer = new float[a.LongLength];
        var correction = new float[a.LongLength];
        Parallel.For(0, anomaly.Height, row =>
        {
            long offset = (long)row * anomaly.Width;
            for (long i = offset; i < offset + anomaly.Width; i++)
            {
                double c = float.IsNaN(topo[i]) ? double.NaN : BouguerPlate.Correction(topo[i], crustDensity, waterDensity);
                correction[i] = (float)c;
                bouguer[i] = (float)(a[i] - c);
            }
        });
        return (Output(anomaly, bouguer, "bouguer_anomaly"),
            Output(anomaly, correction, "bouguer_correction"));
    }

    /// <summary>A one-band grid on the input's georeferencing; NaN marks missing cells (no nodata value carried over).</summary>
    internal static RasterGrid Output(RasterGrid like, float[] band, string name) =>
        new(like.Width, like.Height, like.Transform, [band])
        {
            CrsWkt = like.CrsWkt,
            CrsKind = like.CrsKind,
            LinearUnitMetres = like.LinearUnitMetres,
            SemiMajorAxis = like.SemiMajorAxis,
            InverseFlattening = like.InverseFlattening,
            BandNames = [name],
        };

    public static double Gamma(ReferenceEllipsoid ellipsoid, double latitude, double height, HeightReduction method) =>
        method == HeightReduction.Exact ? NormalGravity.AtHeight(ellipsoid, latitude, height) : NormalGravity.FreeAir(ellipsoid, latitude, height);

    private static float[]? HeightBand(RasterGrid reference, ObservationHeight height)
    {
        if (height.Grid is null)
        {
            if (!double.IsFinite(height.Constant) || height.Constant < -11000 || height.Constant > 1_000_000)
                throw new ArgumentException($"observation height {height.Constant} m is not a height above the ellipsoid (-11,000..1,000,000 m)");
            return null;
        }
        GridLatitudes.RequireSameGrid(reference, height.Grid, "the height grid");
        CheckBand(height.Grid, height.GridBand);
        return height.Grid.Bands[height.GridBand];
    }

    private static void CheckBand(RasterGrid grid, int band)
    {
        if (band < 0 || band >= grid.Bands.Count)
            throw new ArgumentException($"band {band} does not exist: the grid has {grid.Bands.Count} band(s) (0-based)");
    }
}
