using GisBridge.Algorithms.Geochemistry;

namespace GisBridge.Algorithms.Tests.Geochemistry;

public class MajorElementIndicesTests
{
    private const double Nan = double.NaN;

    [Fact]
    public void MgNumber_FromFeot_WithFe3Fraction015()
    {
        // MgO 8, FeOT 10: Fe2+ as FeO = 8.5; Mg = 8/40.304 = 0.198491, Fe = 8.5/71.844 = 0.118312 -> 0.626545
        double ferrous = MajorElementIndices.FerrousFeO(10, Nan, Nan, Nan, 0.15);
        Assert.Equal(8.5, ferrous, 12);
        Assert.Equal(0.626545, MajorElementIndices.MgNumber(8, ferrous), 6);
    }

    [Fact]
    public void MgNumber_UsesMeasuredFeO_WhenFeOAndFe2O3AreBothGiven()
    {
        double ferrous = MajorElementIndices.FerrousFeO(Nan, 9, 1.5, Nan, 0.15);
        Assert.Equal(9, ferrous);
        Assert.Equal(0.613077, MajorElementIndices.MgNumber(8, ferrous), 6);
    }

    [Fact]
    public void TotalIron_FromFe2O3T_Uses08998()
    {
        Assert.Equal(0.8998046, MajorElementIndices.Fe2O3ToFeO, 6);
        double ferrous = MajorElementIndices.FerrousFeO(Nan, Nan, Nan, 12, 0.15);
        Assert.Equal(12 * 0.8998046 * 0.85, ferrous, 5);
        Assert.Equal(0.608422, MajorElementIndices.MgNumber(8, ferrous), 5);
        Assert.Equal(9 + 0.8998046 * 1.5, MajorElementIndices.TotalIronAsFeO(Nan, 9, 1.5, Nan), 6);
    }

    [Fact]
    public void MgNumber_IsNaN_WithoutIronOrMgO()
    {
        Assert.True(double.IsNaN(MajorElementIndices.MgNumber(8, MajorElementIndices.FerrousFeO(Nan, Nan, Nan, Nan, 0.15))));
        Assert.True(double.IsNaN(MajorElementIndices.MgNumber(Nan, 8)));
    }

    [Fact]
    public void Na8_KleinLangmuir1987() =>
        Assert.Equal(2.631, MajorElementIndices.Na8(3.0, 7.0, Na8Method.KleinLangmuir1987, -0.32), 9); // 3 + 2.611 - 2.98

    [Fact]
    public void Na8_Gale2014_WithSlope()
    {
        Assert.Equal(2.68, MajorElementIndices.Na8(3.0, 7.0, Na8Method.Gale2014, -0.32), 9);
        Assert.Equal(2.5, MajorElementIndices.Na8(3.0, 7.0, Na8Method.Gale2014, -0.5), 9);
    }

    [Fact]
    public void Na8Fe8_Castillo2000_AsInPyrolite()
    {
        // 0.6074 - 3.523 (3 + 0.00529*49 - 0.9495) / (7 - 0.05297*49 - 8.133)
        Assert.Equal(2.789790, MajorElementIndices.Na8(3.0, 7.0, Na8Method.Castillo2000, 0), 6);
        // 1.825 - 1.529 (10 - 0.03261*49 + 0.2619) / (7 - 0.04467*49 - 6.67)
        Assert.Equal(8.951672, MajorElementIndices.Fe8(10, 7.0, Na8Method.Castillo2000), 6);
        // at MgO = 8 both corrections are (nearly) the identity
        Assert.Equal(3.0, MajorElementIndices.Na8(3.0, 8.0, Na8Method.Castillo2000, 0), 2);
        Assert.Equal(10.0, MajorElementIndices.Fe8(10, 8.0, Na8Method.Castillo2000), 2);
    }

    [Fact]
    public void Fe8_KleinLangmuir1987() =>
        Assert.Equal(8.335, MajorElementIndices.Fe8(10, 7.0, Na8Method.KleinLangmuir1987), 9); // 10 + 11.648 - 13.313

    [Theory]
    [InlineData(4.9, true)]
    [InlineData(5.0, false)]
    [InlineData(8.5, false)]
    [InlineData(8.6, true)]
    public void KleinLangmuir_FlagsMgOOutside5To85(double mgo, bool flagged)
    {
        Assert.Equal(flagged, MajorElementIndices.OutsideCalibration(mgo, Na8Method.KleinLangmuir1987));
        Assert.False(MajorElementIndices.OutsideCalibration(mgo, Na8Method.Castillo2000));
    }
}
