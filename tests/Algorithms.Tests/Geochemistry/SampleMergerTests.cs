using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Geochemistry;

namespace GisBridge.Algorithms.Tests.Geochemistry;

public class SampleMergerTests
{
    [Fact]
    public void RowsOfOneSample_AreMergedByTheStatedRule()
    {
        var t = new SampleTable(4);
        t.SetText("sample_id", ["A", "B", "A", null]);
        t.SetText("material", ["GL", "WR", "WR", "GL"]);
        t.SetNumeric("latitude", [-40, -41, -40, 0]);
        t.SetNumeric("longitude", [179, 10, -179, 0]);
        t.SetNumeric("mgo", [7, 8, double.NaN, 6]);
        t.SetNumeric("sr87_sr86", [double.NaN, 0.7031, 0.7035, double.NaN]);

        var m = SampleMerger.Merge(t);
        Assert.Equal(3, m.RowCount);
        Assert.Equal(new string?[] { "A", "B", null }, m.Text("sample_id"));
        Assert.Equal("GL | WR", m.Text("material")[0]);
        Assert.Equal(7, m.Numeric("mgo")[0]);           // the one non-missing value
        Assert.Equal(0.7035, m.Numeric("sr87_sr86")[0]);
        Assert.Equal(180, Math.Abs(m.Numeric("longitude")[0]), 9); // across the antimeridian
        Assert.Equal([2.0, 1.0, 1.0], m.Numeric("merged_rows"));
    }

    [Fact]
    public void Merge_NeedsASampleIdColumn()
    {
        var t = new SampleTable(1);
        t.SetNumeric("mgo", [7]);
        Assert.Contains("sample_id", Assert.Throws<ArgumentException>(() => SampleMerger.Merge(t)).Message);
    }
}
