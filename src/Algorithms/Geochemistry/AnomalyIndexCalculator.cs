using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>What the calculator did: how many rows got each index, and the conventions used.</summary>
public sealed record IndexSummary(IReadOnlyDictionary<string, int> RowsWithValue, IReadOnlyList<string> Conventions);

/// <summary>
/// Adds the anomaly index columns to a table. Field names are fixed (others rely on them); every index column
/// is always added, and holds NaN (null for dupal_strength) where its inputs are missing, never 0.
/// </summary>
public static class AnomalyIndexCalculator
{
    public static readonly IReadOnlyList<string> IndexColumns =
    [
        "delta_7_4", "delta_8_4", "delta_sr", "eps_nd", "mg_number", "na8", "fe8", "na8_outside_calibration",
        "la_sm", "sm_yb", "la_yb", "nb_zr", "zr_nb", "la_sm_n", "dupal", "dupal_strength",
    ];

    public static IndexSummary Compute(SampleTable table, AnomalyIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int n = table.RowCount;
        double[] Col(string name) => table.HasNumeric(name) ? table.Numeric(name) : Nan(n);

        var pb206 = Col("pb206_pb204");
        var d74 = Map(pb206, Col("pb207_pb204"), IsotopeIndices.Delta74);
        var d84 = Map(pb206, Col("pb208_pb204"), IsotopeIndices.Delta84);
        var dsr = Map(Col("sr87_sr86"), IsotopeIndices.DeltaSr);
        var churNd = options.ChurNd143Nd144;
        var epsNd = Map(Col("nd143_nd144"), v => IsotopeIndices.EpsilonNd(v, churNd));

        var mgo = Col("mgo");
        double[] feot = Col("feot"), feo = Col("feo"), fe2o3 = Col("fe2o3"), fe2o3t = Col("fe2o3t");
        var mgNumber = new double[n];
        var totalFe = new double[n];
        for (int i = 0; i < n; i++)
        {
            totalFe[i] = MajorElementIndices.TotalIronAsFeO(feot[i], feo[i], fe2o3[i], fe2o3t[i]);
            double ferrous = MajorElementIndices.FerrousFeO(feot[i], feo[i], fe2o3[i], fe2o3t[i], options.Fe3Fraction);
            mgNumber[i] = MajorElementIndices.MgNumber(mgo[i], ferrous);
        }
        var method = options.Na8Method;
        var na8 = Map(Col("na2o"), mgo, (na, mg) => MajorElementIndices.Na8(na, mg, method, options.Na8Slope));
        var fe8 = Map(totalFe, mgo, (fe, mg) => MajorElementIndices.Fe8(fe, mg, method));
        var outside = Map(mgo, mg => MajorElementIndices.OutsideCalibration(mg, method) ? 1.0 : 0.0);
        for (int i = 0; i < n; i++)
            if (double.IsNaN(na8[i]) && double.IsNaN(fe8[i])) outside[i] = double.NaN;

        double[] la = Col("la"), sm = Col("sm"), yb = Col("yb"), nb = Col("nb"), zr = Col("zr");
        var dupal = new double[n];
        var strength = new string?[n];
        for (int i = 0; i < n; i++)
        {
            dupal[i] = DupalClassifier.Flag(d84[i], dsr[i], options);
            strength[i] = DupalClassifier.Strength(d84[i], options);
        }

        table.SetNumeric("delta_7_4", d74);
        table.SetNumeric("delta_8_4", d84);
        table.SetNumeric("delta_sr", dsr);
        table.SetNumeric("eps_nd", epsNd);
        table.SetNumeric("mg_number", mgNumber);
        table.SetNumeric("na8", na8);
        table.SetNumeric("fe8", fe8);
        table.SetNumeric("na8_outside_calibration", outside);
        table.SetNumeric("la_sm", Map(la, sm, TraceElementRatios.Ratio));
        table.SetNumeric("sm_yb", Map(sm, yb, TraceElementRatios.Ratio));
        table.SetNumeric("la_yb", Map(la, yb, TraceElementRatios.Ratio));
        table.SetNumeric("nb_zr", Map(nb, zr, TraceElementRatios.Ratio));
        table.SetNumeric("zr_nb", Map(zr, nb, TraceElementRatios.Ratio));
        table.SetNumeric("la_sm_n", Map(la, sm, (a, b) => TraceElementRatios.ChondriteNormalisedRatio(a, b, options.ChondriteLa, options.ChondriteSm)));
        table.SetNumeric("dupal", dupal);
        table.SetText("dupal_strength", strength);

        var counts = IndexColumns.ToDictionary(c => c, c => table.HasText(c)
            ? table.Text(c).Count(v => v is not null)
            : table.Numeric(c).Count(v => !double.IsNaN(v)));
        return new IndexSummary(counts, Conventions(options));
    }

    private static List<string> Conventions(AnomalyIndexOptions o) =>
    [
        "delta_7_4, delta_8_4, delta_sr: Hart (1984), Nature 309, 753-757",
        $"eps_nd: CHUR 143Nd/144Nd = {o.ChurNd143Nd144}",
        $"mg_number: molar Mg/(Mg+Fe2+) as a fraction 0..1; Fe2+ = measured FeO when FeO and Fe2O3 are both given, else total iron as FeO x (1 - {o.Fe3Fraction}) (Fe3+/total Fe = {o.Fe3Fraction})",
        o.Na8Method switch
        {
            Na8Method.KleinLangmuir1987 => "na8 = Na2O + 0.373 MgO - 2.98, fe8 = FeOT + 1.664 MgO - 13.313 (Klein & Langmuir 1987); na8_outside_calibration = 1 where MgO is outside 5-8.5 wt%",
            Na8Method.Gale2014 => $"na8 = Na2O + ({o.Na8Slope}) (8 - MgO) (Gale et al. 2014); fe8 = FeOT + 1.664 MgO - 13.313 (Klein & Langmuir 1987)",
            _ => "na8, fe8: Castillo et al. (2000) curved forms as implemented in pyrolite (geochem/magma.py NaAt8MgO, FeAt8MgO)",
        },
        $"la_sm_n: chondrite-normalised La/Sm with CI chondrite La = {o.ChondriteLa} ppm, Sm = {o.ChondriteSm} ppm (Sun & McDonough 1989)",
        $"dupal = 1 where delta_8_4 > {o.DupalD84Threshold}" + (o.DupalDSrThreshold is { } s ? $" and delta_sr > {s}" : "") +
            $"; dupal_strength: none <= {o.DupalD84Threshold} < weak < {o.DupalModerateFrom} <= moderate < {o.DupalStrongFrom} <= strong",
    ];

    private static double[] Nan(int n)
    {
        var a = new double[n];
        Array.Fill(a, double.NaN);
        return a;
    }

    private static double[] Map(double[] a, Func<double, double> f)
    {
        var r = new double[a.Length];
        for (int i = 0; i < a.Length; i++) r[i] = double.IsNaN(a[i]) ? double.NaN : f(a[i]);
        return r;
    }

    private static double[] Map(double[] a, double[] b, Func<double, double, double> f)
    {
        var r = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            double v = double.IsNaN(a[i]) || double.IsNaN(b[i]) ? double.NaN : f(a[i], b[i]);
            r[i] = double.IsFinite(v) ? v : double.NaN;
        }
        return r;
    }
}
