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
}
