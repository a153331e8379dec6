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
        var rows = new AnomalyIndexRows(table, options);
        // Row blocks on all cores, one pass each over every index; counts summed in block order.
        var blockCounts = ParallelRanges.Map(table.RowCount, AnomalyIndexRows.MinimumBlock, rows.Compute);
        var counts = new int[IndexColumns.Count];
        foreach (var block in blockCounts)
            for (int k = 0; k < counts.Length; k++) counts[k] += block[k];
        rows.AddTo(table);
        var rowsWithValue = new Dictionary<string, int>(IndexColumns.Count);
        for (int k = 0; k < counts.Length; k++) rowsWithValue[IndexColumns[k]] = counts[k];
        return new IndexSummary(rowsWithValue, Conventions(options));
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
}
