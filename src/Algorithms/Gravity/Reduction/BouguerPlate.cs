namespace GisBridge.Algorithms.Gravity.Reduction;

/// <summary>
/// Simple (infinite slab) Bouguer correction in mGal: 2πGρ_crust·h on land (h ≥ 0). An ocean cell (h &lt; 0, the
/// bathymetry) holds water where the reference has crust: its slab is 2πG(ρ_water - ρ_crust)·|h|, negative, so the
/// anomaly (δg - correction) goes up at sea, as in Harmonica's <c>bouguer_correction</c> (docstring formula).
/// </summary>
public static class BouguerPlate
{
    /// <summary>Newtonian constant of gravitation, CODATA 2018 (m³ kg⁻¹ s⁻²).</summary>
    public const double G = 6.67430e-11;

    public const double DefaultCrustDensity = 2670, DefaultWaterDensity = 1030;

    public static double Correction(double topographyMetres, double crustDensity, double waterDensity)
    {
        double slab = topographyMetres >= 0 ? crustDensity * topographyMetres : (waterDensity - crustDensity) * -topographyMetres;
        return 2 * Math.PI * G * slab * 1e5;
    }
}
