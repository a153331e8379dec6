using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Geochemistry;

namespace GisBridge.Algorithms.Tests.Geochemistry;

public class AnomalyIndexCalculatorTests
{
    private static SampleTable TwoRows()
    {
        var t = new SampleTable(2);
        t.SetNumeric("pb206_pb204", [18.5, double.NaN]);
        t.SetNumeric("pb207_pb204", [15.55, 15.5]);
        t.SetNumeric("pb208_pb204", [38.5, 38.0]);
        t.SetNumeric("sr87_sr86", [0.7035, double.NaN]);
        t.SetNumeric("nd143_nd144", [0.5131, double.NaN]);
        t.SetNumeric("mgo", [7.0, 8.0]);
        t.SetNumeric("feot", [10, double.NaN]);
        t.SetNumeric("na2o", [3.0, double.NaN]);
        t.SetNumeric("la", [10, 5]);
        t.SetNumeric("sm", [4, double.NaN]);
        t.SetNumeric("yb", [2, 2]);
        t.SetNumeric("nb", [5, 5]);
        t.SetNumeric("zr", [100, 0]);
        return t;
    }

    [Fact]
    public void AllIndices_HandComputed_AndNaNWhereInputsAreMissing()
    {
        var t = TwoRows();
        var summary = AnomalyIndexCalculator.Compute(t, new AnomalyIndexOptions());
        Assert.Equal(5.36, t.Numeric("delta_7_4")[0], 9);
        Assert.Equal(50.65, t.Numeric("delta_8_4")[0], 9);
        Assert.Equal(35.0, t.Numeric("delta_sr")[0], 9);
        Assert.Equal(9.0122074, t.Numeric("eps_nd")[0], 6);
        // MgO 7, FeOT 10 x 0.85: 0.173680 / (0.173680 + 0.118312)
        Assert.Equal(7 / 40.304 / (7 / 40.304 + 8.5 / 71.844), t.Numeric("mg_number")[0], 12);
        Assert.Equal(2.631, t.Numeric("na8")[0], 9);
        Assert.Equal(8.335, t.Numeric("fe8")[0], 9);
        Assert.Equal(0, t.Numeric("na8_outside_calibration")[0]);
        Assert.Equal(2.5, t.Numeric("la_sm")[0]);
        Assert.Equal(2.0, t.Numeric("sm_yb")[0]);
        Assert.Equal(5.0, t.Numeric("la_yb")[0]);
        Assert.Equal(0.05, t.Numeric("nb_zr")[0], 12);
        Assert.Equal(20.0, t.Numeric("zr_nb")[0], 12);
        Assert.Equal(1.613924, t.Numeric("la_sm_n")[0], 6);
        Assert.Equal(1.0, t.Numeric("dupal")[0]);
        Assert.Equal("weak", t.Text("dupal_strength")[0]);

        foreach (var name in new[] { "delta_7_4", "delta_8_4", "delta_sr", "eps_nd", "mg_number", "na8", "fe8",
                     "na8_outside_calibration", "la_sm", "sm_yb", "nb_zr", "la_sm_n", "dupal" })
            Assert.True(double.IsNaN(t.Numeric(name)[1]), name);
        Assert.Equal(2.5, t.Numeric("la_yb")[1]);
        Assert.Equal(0.0, t.Numeric("zr_nb")[1]);   // Zr = 0 is a value outside GEOROC; nb_zr has a zero denominator
        Assert.Null(t.Text("dupal_strength")[1]);
        Assert.Equal(1, summary.RowsWithValue["delta_8_4"]);
        Assert.Equal(2, summary.RowsWithValue["la_yb"]);
    }

    [Fact]
    public void EveryIndexColumn_IsAdded_EvenWithoutInputs()
    {
        var t = new SampleTable(1);
        t.SetNumeric("latitude", [1]);
        AnomalyIndexCalculator.Compute(t, new AnomalyIndexOptions());
        foreach (var name in AnomalyIndexCalculator.IndexColumns)
            Assert.True(t.HasNumeric(name) || t.HasText(name), name);
        Assert.True(double.IsNaN(t.Numeric("delta_8_4")[0]));
    }

    [Fact]
    public void Na8Method_AndFe3Fraction_AreHonoured()
    {
        var t = TwoRows();
        var summary = AnomalyIndexCalculator.Compute(t, new AnomalyIndexOptions { Na8Method = Na8Method.Castillo2000, Fe3Fraction = 0.1 });
        Assert.Equal(2.789790, t.Numeric("na8")[0], 6);
        Assert.Equal(8.951672, t.Numeric("fe8")[0], 6);
        Assert.Equal(7 / 40.304 / (7 / 40.304 + 9.0 / 71.844), t.Numeric("mg_number")[0], 12);
        Assert.Contains(summary.Conventions, c => c.Contains("pyrolite"));
    }

    [Fact]
    public void KleinLangmuir_FlagsRowsOutsideTheMgORange()
    {
        var t = new SampleTable(1);
        t.SetNumeric("mgo", [9.5]);
        t.SetNumeric("na2o", [2.5]);
        AnomalyIndexCalculator.Compute(t, new AnomalyIndexOptions());
        Assert.Equal(1.0, t.Numeric("na8_outside_calibration")[0]);
        Assert.Equal(2.5 + 0.373 * 9.5 - 2.98, t.Numeric("na8")[0], 12);
    }

    [Fact]
    public void BadFe3Fraction_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => AnomalyIndexCalculator.Compute(TwoRows(), new AnomalyIndexOptions { Fe3Fraction = 1.2 }));
        Assert.Contains("fe3_fraction", e.Message);
    }

    /// <summary>
    /// A table of several row blocks (computed on several cores) with gaps, zeros and every iron form: each value is
    /// bit for bit the index function of its own row, and the counts are those of the columns.
    /// </summary>
    [Theory]
    [InlineData(Na8Method.KleinLangmuir1987)]
    [InlineData(Na8Method.Castillo2000)]
    public void ManyRows_EqualTheIndexFunctionsRowByRow(Na8Method method)
    {
        const int n = 70_001;
        var random = new Random(7);
        string[] inputs = ["pb206_pb204", "pb207_pb204", "pb208_pb204", "sr87_sr86", "nd143_nd144", "mgo", "feot", "feo",
            "fe2o3", "na2o", "la", "sm", "yb", "nb", "zr"];
        var t = new SampleTable(n);
        foreach (var name in inputs)
            t.SetNumeric(name, Enumerable.Range(0, n).Select(_ => random.Next(5) switch
            {
                0 => double.NaN,
                1 => 0.0,
                _ => 10 + 20 * random.NextDouble(),
            }).ToArray());
        var o = new AnomalyIndexOptions { Na8Method = method, DupalDSrThreshold = 50 };
        var summary = AnomalyIndexCalculator.Compute(t, o);

        double Col(string name, int i) => t.Numeric(name)[i];
        static double Pair(double a, double b, Func<double, double, double> f) =>
            double.IsNaN(a) || double.IsNaN(b) || !double.IsFinite(f(a, b)) ? double.NaN : f(a, b);
        for (int i = 0; i < n; i++)
        {
            double pb206 = Col("pb206_pb204", i), mgo = Col("mgo", i), la = Col("la", i), sm = Col("sm", i);
            double feot = Col("feot", i), feo = Col("feo", i), fe2o3 = Col("fe2o3", i);
            double d84 = Pair(pb206, Col("pb208_pb204", i), IsotopeIndices.Delta84);
            double dsr = double.IsNaN(Col("sr87_sr86", i)) ? double.NaN : IsotopeIndices.DeltaSr(Col("sr87_sr86", i));
            double totalFe = MajorElementIndices.TotalIronAsFeO(feot, feo, fe2o3, double.NaN);
            double na8 = Pair(Col("na2o", i), mgo, (a, b) => MajorElementIndices.Na8(a, b, method, o.Na8Slope));
            double fe8 = Pair(totalFe, mgo, (a, b) => MajorElementIndices.Fe8(a, b, method));
            var expected = new Dictionary<string, double>
            {
                ["delta_7_4"] = Pair(pb206, Col("pb207_pb204", i), IsotopeIndices.Delta74),
                ["delta_8_4"] = d84,
                ["delta_sr"] = dsr,
                ["eps_nd"] = double.IsNaN(Col("nd143_nd144", i)) ? double.NaN : IsotopeIndices.EpsilonNd(Col("nd143_nd144", i), o.ChurNd143Nd144),
                ["mg_number"] = MajorElementIndices.MgNumber(mgo, MajorElementIndices.FerrousFeO(feot, feo, fe2o3, double.NaN, o.Fe3Fraction)),
                ["na8"] = na8,
                ["fe8"] = fe8,
                ["na8_outside_calibration"] = double.IsNaN(mgo) || double.IsNaN(na8) && double.IsNaN(fe8) ? double.NaN
                    : MajorElementIndices.OutsideCalibration(mgo, method) ? 1 : 0,
                ["la_sm"] = Pair(la, sm, TraceElementRatios.Ratio),
                ["sm_yb"] = Pair(sm, Col("yb", i), TraceElementRatios.Ratio),
                ["la_yb"] = Pair(la, Col("yb", i), TraceElementRatios.Ratio),
                ["nb_zr"] = Pair(Col("nb", i), Col("zr", i), TraceElementRatios.Ratio),
                ["zr_nb"] = Pair(Col("zr", i), Col("nb", i), TraceElementRatios.Ratio),
                ["la_sm_n"] = Pair(la, sm, (a, b) => TraceElementRatios.ChondriteNormalisedRatio(a, b, o.ChondriteLa, o.ChondriteSm)),
                ["dupal"] = DupalClassifier.Flag(d84, dsr, o),
            };
            foreach (var (name, value) in expected)
                Assert.True(BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(t.Numeric(name)[i]),
                    $"{name} row {i}: {t.Numeric(name)[i]}, expected {value}");
            Assert.Equal(DupalClassifier.Strength(d84, o), t.Text("dupal_strength")[i]);
        }
        foreach (var name in AnomalyIndexCalculator.IndexColumns)
            Assert.Equal(t.HasText(name) ? t.Text(name).Count(v => v is not null) : t.Numeric(name).Count(v => !double.IsNaN(v)),
                summary.RowsWithValue[name]);
        Assert.Equal(AnomalyIndexCalculator.IndexColumns, summary.RowsWithValue.Keys);
    }
}
