namespace GisBridge.Algorithms.Gravity.Reduction;

/// <summary>
/// Normal gravity γ of a level reference ellipsoid, in mGal, at geodetic latitude φ and ellipsoidal height h.
/// <see cref="AtHeight"/> is the exact closed form of Li &amp; Götze (2001, Geophysics 66(6), eq. 2-5; the same as
/// Boule's <c>Ellipsoid.normal_gravity</c>): valid at any height above the ellipsoid, no series truncation.
/// At h = 0 it equals Somigliana's formula (<see cref="Somigliana"/>), which is checked by the tests.
/// </summary>
public static class NormalGravity
{
    private const double MgalPerSi = 1e5;

    /// <summary>Somigliana's closed form on the ellipsoid: γ = (a γa cos²φ + b γb sin²φ) / sqrt(a² cos²φ + b² sin²φ).</summary>
    public static double Somigliana(ReferenceEllipsoid e, double latitudeDegrees)
    {
        double a = e.SemiMajorAxis, b = e.SemiMinorAxis;
        double s = Math.Sin(latitudeDegrees * Math.PI / 180), c2 = 1 - s * s, s2 = s * s;
        double ga = AtHeight(e, 0, 0), gb = AtHeight(e, 90, 0);
        return (a * ga * c2 + b * gb * s2) / Math.Sqrt(a * a * c2 + b * b * s2);
    }

    /// <summary>Exact normal gravity at height (Li &amp; Götze 2001), in mGal.</summary>
    public static double AtHeight(ReferenceEllipsoid e, double latitudeDegrees, double heightMetres)
    {
        double a = e.SemiMajorAxis, b = e.SemiMinorAxis, E = e.LinearEccentricity, w = e.AngularVelocity;
        double phi = latitudeDegrees * Math.PI / 180;
        double sinLat = Math.Sin(phi), cosLat = Math.Cos(phi);
        // Reduced latitude of the foot point, then the point's cylindrical coordinates (r, z).
        double beta = Math.Atan2(b * sinLat, a * cosLat);
        double z = b * Math.Sin(beta) + heightMetres * sinLat;
        double r = a * Math.Cos(beta) + heightMetres * cosLat;
        double e2 = E * E;
        double d = (r * r - z * z) / e2, bigR = (r * r + z * z) / e2;
        // cos²β' and the semi-minor axis b' of the confocal ellipsoid through the point (ellipsoidal-harmonic coordinates).
        double cosBeta2 = 0.5 * (1 + bigR) - Math.Sqrt(0.25 * (1 + bigR * bigR) - 0.5 * d);
        double sinBeta2 = 1 - cosBeta2;
        double bl = Math.Sqrt(r * r + z * z - e2 * cosBeta2);
        double q0 = 0.5 * ((1 + 3 * (b / E) * (b / E)) * Math.Atan2(E, b) - 3 * b / E);
        double ql = 3 * (1 + (bl / E) * (bl / E)) * (1 - bl / E * Math.Atan2(E, bl)) - 1;
        double bigW = Math.Sqrt((bl * bl + e2 * sinBeta2) / (bl * bl + e2));
        double term1 = e.GeocentricGravitationalConstant / (bl * bl + e2);
        double term2 = (0.5 * sinBeta2 - 1.0 / 6) * (a * a * E * ql * w * w / ((bl * bl + e2) * q0));
        double term3 = -cosBeta2 * bl * w * w;
        return (term1 + term2 + term3) / bigW * MgalPerSi;
    }

    /// <summary>Classical free-air gradient, mGal per metre (Heiskanen &amp; Moritz: 0.3086 mGal/m).</summary>
    public const double FreeAirGradient = 0.3086;

    /// <summary>Normal gravity at height with the linear free-air gradient: γ0(φ) - 0.3086 h (mGal).</summary>
    public static double FreeAir(ReferenceEllipsoid e, double latitudeDegrees, double heightMetres) =>
        AtHeight(e, latitudeDegrees, 0) - FreeAirGradient * heightMetres;
}
