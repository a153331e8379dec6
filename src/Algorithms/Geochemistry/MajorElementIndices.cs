namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// Major-element indices: Mg# and the fractionation corrections to MgO = 8 wt% (Na8, Fe8). Oxides in wt%.
/// </summary>
public static class MajorElementIndices
{
    public const double MolarMassMgO = 40.304, MolarMassFeO = 71.844, MolarMassFe2O3 = 159.688;

    /// <summary>wt% Fe2O3 -> wt% FeO of the same iron: 2 x 71.844 / 159.688 = 0.8998.</summary>
    public const double Fe2O3ToFeO = 2 * MolarMassFeO / MolarMassFe2O3;

    /// <summary>MgO range (wt%) where Klein &amp; Langmuir (1987) calibrated their linear corrections.</summary>
    public const double KleinLangmuirMinMgO = 5.0, KleinLangmuirMaxMgO = 8.5;

    /// <summary>
    /// Total iron as FeO (wt%): FeOT when given; else FeO + 0.8998 Fe2O3 when both are; else Fe2O3T (or Fe2O3
    /// alone) x 0.8998; else FeO alone (taken as total iron). NaN when there is no iron.
    /// </summary>
    public static double TotalIronAsFeO(double feot, double feo, double fe2o3, double fe2o3t)
    {
        if (!double.IsNaN(feot)) return feot;
        if (!double.IsNaN(feo) && !double.IsNaN(fe2o3)) return feo + Fe2O3ToFeO * fe2o3;
        if (!double.IsNaN(fe2o3t)) return Fe2O3ToFeO * fe2o3t;
        if (!double.IsNaN(fe2o3)) return Fe2O3ToFeO * fe2o3;
        return feo;
    }

    /// <summary>
    /// Fe2+ as FeO (wt%): the measured FeO when FeO and Fe2O3 are both analysed; otherwise total iron as FeO
    /// times (1 - Fe3+/total Fe).
    /// </summary>
    public static double FerrousFeO(double feot, double feo, double fe2o3, double fe2o3t, double fe3Fraction)
    {
        if (double.IsNaN(feot) && !double.IsNaN(feo) && !double.IsNaN(fe2o3)) return feo;
        return TotalIronAsFeO(feot, feo, fe2o3, fe2o3t) * (1 - fe3Fraction);
    }

    /// <summary>Molar Mg / (Mg + Fe2+), a fraction 0..1.</summary>
    public static double MgNumber(double mgo, double ferrousFeO)
    {
        double mg = mgo / MolarMassMgO, fe = ferrousFeO / MolarMassFeO;
        return mg + fe > 0 ? mg / (mg + fe) : double.NaN;
    }

    public static double Na8(double na2o, double mgo, Na8Method method, double slope) => method switch
    {
        Na8Method.KleinLangmuir1987 => na2o + 0.373 * mgo - 2.98,
        Na8Method.Gale2014 => na2o + slope * (8 - mgo),
        Na8Method.Castillo2000 => 0.6074 - 3.523 * (na2o + 0.00529 * mgo * mgo - 0.9495) / (mgo - 0.05297 * mgo * mgo - 8.133),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    public static double Fe8(double feot, double mgo, Na8Method method) => method switch
    {
        Na8Method.Castillo2000 => 1.825 - 1.529 * (feot - 0.03261 * mgo * mgo + 0.2619) / (mgo - 0.04467 * mgo * mgo - 6.67),
        _ => feot + 1.664 * mgo - 13.313,
    };

    /// <summary>True where the linear Klein &amp; Langmuir (1987) correction is used outside its 5-8.5 wt% MgO range.</summary>
    public static bool OutsideCalibration(double mgo, Na8Method method) =>
        method == Na8Method.KleinLangmuir1987 && mgo is < KleinLangmuirMinMgO or > KleinLangmuirMaxMgO;
}
