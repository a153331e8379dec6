namespace GisBridge.Server.Regions;

/// <summary>
/// What a geologist reads for each index field in charts (Δ8/4, ΔSr, Mg#, Na8, εNd): the server's one table of
/// names; the plugin's legends use the same ones (qgis-plugin/gisbridge/labels.py).
/// </summary>
public static class IndexLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["delta_7_4"] = "Δ7/4 (Hart 1984)",
        ["delta_8_4"] = "Δ8/4 (Hart 1984)",
        ["delta_sr"] = "ΔSr (Hart 1984)",
        ["eps_nd"] = "εNd",
        ["mg_number"] = "Mg#",
        ["na8"] = "Na8 (wt%)",
        ["fe8"] = "Fe8 (wt%)",
        ["la_sm"] = "La/Sm",
        ["sm_yb"] = "Sm/Yb",
        ["la_yb"] = "La/Yb",
        ["nb_zr"] = "Nb/Zr",
        ["zr_nb"] = "Zr/Nb",
        ["la_sm_n"] = "(La/Sm)N",
        ["dupal_strength"] = "Dupal strength",
    };

    /// <summary>The reader's name of a field; other fields with '_' shown as spaces.</summary>
    public static string Of(string field) => Labels.TryGetValue(field, out var label) ? label : field.Replace('_', ' ');
}
