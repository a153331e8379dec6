namespace GisBridge.Algorithms.Isotopes;

/// <summary>Reference lines of the Pb-Pb diagrams: the Northern Hemisphere Reference Line (Hart 1984, Nature 309,
/// 753-757) and the geochron of a given age through primordial Pb (Canyon Diablo troilite, Tatsumoto et al. 1973,
/// Science 180, 1279-1283: 206/204 = 9.307, 207/204 = 10.294), with the decay constants of Jaffey et al. (1971)
/// and 238U/235U = 137.88 (Steiger and Jäger 1977).</summary>
public static class PbReferenceLines
{
    public const double PrimordialPb206Pb204 = 9.307, PrimordialPb207Pb204 = 10.294;
    public const double Lambda238 = 1.55125e-10, Lambda235 = 9.8485e-10, U238U235 = 137.88;

    /// <summary>NHRL 207Pb/204Pb = 0.1084 x 206Pb/204Pb + 13.491.</summary>
    public static double Nhrl207(double pb206Pb204) => 0.1084 * pb206Pb204 + 13.491;

    /// <summary>NHRL 208Pb/204Pb = 1.209 x 206Pb/204Pb + 15.627.</summary>
    public static double Nhrl208(double pb206Pb204) => 1.209 * pb206Pb204 + 15.627;

    /// <summary>Slope of the geochron of age <paramref name="years"/> in 207/204 vs 206/204:
    /// (e^(λ235 t) - 1) / (137.88 (e^(λ238 t) - 1)).</summary>
    public static double GeochronSlope(double years) =>
        (Math.Exp(Lambda235 * years) - 1) / (U238U235 * (Math.Exp(Lambda238 * years) - 1));

    /// <summary>207Pb/204Pb on the geochron of that age (4.55 Ga for the Earth) at a 206Pb/204Pb.</summary>
    public static double Geochron207(double pb206Pb204, double years = 4.55e9) =>
        PrimordialPb207Pb204 + GeochronSlope(years) * (pb206Pb204 - PrimordialPb206Pb204);
}
