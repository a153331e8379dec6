namespace GisBridge.Algorithms.Gravity.Reduction;

/// <summary>
/// A level (Somigliana-Pizzetti) reference ellipsoid given by its four defining constants: semi-major axis a,
/// flattening f, geocentric gravitational constant GM and angular velocity ω. Normal gravity follows from these
/// in closed form (see <see cref="NormalGravity"/>).
/// </summary>
public sealed record ReferenceEllipsoid(string Name, double SemiMajorAxis, double Flattening, double GeocentricGravitationalConstant,
    double AngularVelocity)
{
    /// <summary>GRS80 (Moritz 1980, Bulletin Géodésique 54).</summary>
    public static readonly ReferenceEllipsoid Grs80 = new("GRS80", 6378137.0, 1 / 298.257222101, 3.986005e14, 7.292115e-5);

    /// <summary>WGS84 (NIMA TR8350.2); the frame of EIGEN-6C4's ICGEM grids.</summary>
    public static readonly ReferenceEllipsoid Wgs84 = new("WGS84", 6378137.0, 1 / 298.257223563, 3.986004418e14, 7.292115e-5);

    public double SemiMinorAxis => SemiMajorAxis * (1 - Flattening);

    /// <summary>Linear eccentricity E = sqrt(a² - b²).</summary>
    public double LinearEccentricity => Math.Sqrt(SemiMajorAxis * SemiMajorAxis - SemiMinorAxis * SemiMinorAxis);

    /// <summary>The ellipsoid named "GRS80" or "WGS84" (case-insensitive).</summary>
    public static ReferenceEllipsoid Named(string name) => name.Trim().ToUpperInvariant() switch
    {
        "GRS80" or "GRS 1980" => Grs80,
        "WGS84" or "WGS 84" => Wgs84,
        _ => throw new ArgumentException($"unknown reference ellipsoid '{name}': use GRS80 or WGS84"),
    };
}
