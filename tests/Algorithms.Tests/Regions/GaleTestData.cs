using System.Globalization;
using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Tests.Regions;

/// <summary>TEST FIXTURE ONLY (not the product reader): loads samples/geochem/Gale_2013_MOR_Sample_Data.csv into a
/// SampleTable with the index columns the regions capability consumes, following samples/PROVENANCE.md: the
/// `207Pb/206Pb` header holds 207Pb/204Pb, `0` = missing for isotope ratios, longitudes 0..360 wrapped to
/// -180..180, UTF-7 escapes in text cells decoded. "ridge" = the letters of the Province code (SEIR, CIRR, ...).</summary>
internal static class GaleTestData
{
    private static readonly Lazy<SampleTable> Cached = new(Load);

    public static SampleTable Table => Cached.Value;

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "GisBridge.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("GisBridge.sln not found above " + AppContext.BaseDirectory);
    }

    private static SampleTable Load()
    {
        var path = Path.Combine(RepoRoot(), "samples", "geochem", "Gale_2013_MOR_Sample_Data.csv");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToArray();
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidOperationException("no column " + name);
        double[] Num(string name, bool zeroIsMissing = false) => rows.Select(r =>
            double.TryParse(r[Col(name)].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && !(zeroIsMissing && v == 0)
                ? v : double.NaN).ToArray();

        var t = new SampleTable(rows.Length);
        var province = rows.Select(r => DecodeUtf7(r[Col("Province")].Trim())).ToArray();
        t.SetText("province", province);
        t.SetText("ridge", province.Select(p => new string(p.TakeWhile(char.IsLetter).ToArray())).ToArray());
        t.SetNumeric(SampleTable.Longitude, Num("Longitude").Select(v => v > 180 ? v - 360 : v).ToArray());
        t.SetNumeric(SampleTable.Latitude, Num("Latitude"));
        var pb6 = Num("206Pb/204Pb", true);
        var pb7 = Num("207Pb/206Pb", true); // holds 207Pb/204Pb (PROVENANCE.md)
        var pb8 = Num("208Pb/204Pb", true);
        var sr = Num("87Sr/86Sr", true);
        var nd = Num("143Nd/144Nd", true);
        var d84 = pb6.Select((a, i) => (pb8[i] - 1.209 * a - 15.627) * 100).ToArray();
        t.SetNumeric("delta_8_4", d84);
        t.SetNumeric("delta_7_4", pb6.Select((a, i) => (pb7[i] - 0.1084 * a - 13.491) * 100).ToArray());
        t.SetNumeric("delta_sr", sr.Select(v => (v - 0.7) * 1e4).ToArray());
        t.SetNumeric("eps_nd", nd.Select(v => (v / 0.512638 - 1) * 1e4).ToArray());
        t.SetNumeric("dupal", d84.Select(v => double.IsFinite(v) ? (v > 40 ? 1.0 : 0.0) : double.NaN).ToArray());
        Ratio(t, "la_sm", Num("La", true), Num("Sm", true));
        Ratio(t, "sm_yb", Num("Sm", true), Num("Yb", true));
        Ratio(t, "nb_zr", Num("Nb", true), Num("Zr", true));
        Ratio(t, "th_u", Num("Th", true), Num("U", true));
        Ratio(t, "rb_sr", Num("Rb", true), Num("Sr", true));
        Ratio(t, "k2o_tio2", Num("K2O", true), Num("TiO2", true));
        Ratio(t, "ce_pb", Num("Ce", true), Num("Pb", true));
        t.SetNumeric("mgo", Num("MgO", true));
        t.SetNumeric("na2o", Num("Na2O", true));
        return t;
    }

    private static void Ratio(SampleTable t, string name, double[] a, double[] b)
        => t.SetNumeric(name, a.Select((v, i) => v > 0 && b[i] > 0 ? v / b[i] : double.NaN).ToArray());

    private static string DecodeUtf7(string s) => s.Replace("+ADs-", ";").Replace("+ACI-", "\"").Replace("+AD0-", "=");

    /// <summary>Rows whose ridge is the given one.</summary>
    public static SampleTable Ridge(string ridge)
    {
        var r = Table.Text("ridge");
        return Table.SelectRows(Enumerable.Range(0, Table.RowCount).Where(i => r[i] == ridge).ToArray());
    }
}
