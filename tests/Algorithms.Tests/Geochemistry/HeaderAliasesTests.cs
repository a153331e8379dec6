using GisBridge.Algorithms.Geochemistry;

namespace GisBridge.Algorithms.Tests.Geochemistry;

public class HeaderAliasesTests
{
    [Theory]
    [InlineData("SIO2(WT%)", "sio2", 1.0)]
    [InlineData("SIO2", "sio2", 1.0)]
    [InlineData("SiO2", "sio2", 1.0)]
    [InlineData("SiO2 [wt%]", "sio2", 1.0)]
    [InlineData("FEOT", "feot", 1.0)]
    [InlineData("FeO*", "feot", 1.0)]
    [InlineData("FEOT(WT%)", "feot", 1.0)]
    [InlineData("LA(PPM)", "la", 1.0)]
    [InlineData("La", "la", 1.0)]
    [InlineData("Au_ppb", null, 1.0)]
    [InlineData("YB(PPB)", "yb", 1e-3)]
    [InlineData("TI(WT%)", "ti", 1e4)]
    [InlineData("MGO(PPM)", "mgo", 1e-4)]
    [InlineData("SR87_SR86", "sr87_sr86", 1.0)]
    [InlineData("87Sr/86Sr", "sr87_sr86", 1.0)]
    [InlineData("143Nd/144Nd", "nd143_nd144", 1.0)]
    [InlineData("PB206_PB204", "pb206_pb204", 1.0)]
    [InlineData("207Pb/204Pb", "pb207_pb204", 1.0)]
    [InlineData("207Pb/206Pb", "pb207_pb206", 1.0)]
    [InlineData("LATITUDE MIN", "latitude_min", 1.0)]
    [InlineData("LATITUDE (MIN.)", "latitude_min", 1.0)]
    [InlineData("LONGITUDE MAX", "longitude_max", 1.0)]
    [InlineData("LONGITUDE (MAX.)", "longitude_max", 1.0)]
    [InlineData("LATITUDE", "latitude", 1.0)]
    [InlineData("Longitude", "longitude", 1.0)]
    [InlineData("SAMPLE NAME", "sample_id", 1.0)]
    [InlineData("Sample", "sample_id", 1.0)]
    [InlineData("ROCK TYPE", "rock_type", 1.0)]
    [InlineData("Province", "province", 1.0)]
    [InlineData("EPSILON_ND", "eps_nd_reported", 1.0)]
    public void Spellings_ResolveToCanonicalNamesAndUnitFactors(string header, string? canonical, double scale)
    {
        var m = HeaderAliases.Resolve(header);
        if (canonical is null) { Assert.Null(m); return; }
        Assert.NotNull(m);
        Assert.Equal(canonical, m.Column.Name);
        Assert.Equal(scale, m.Scale, 12);
        Assert.False(m.Alternative);
    }

    [Fact]
    public void GeorocAlternativeColumn_IsMarked()
    {
        var m = HeaderAliases.Resolve("LA(PPM): altern. values or methods");
        Assert.NotNull(m);
        Assert.Equal("la", m.Column.Name);
        Assert.True(m.Alternative);
        Assert.Equal(ValueUnit.Ppm, m.SourceUnit);
    }

    [Theory]
    [InlineData("CITATIONS")]
    [InlineData("HE3_HE4(R/R(A))")]
    [InlineData("Sample_Comment_Extra")]
    public void UnknownSpellings_ReturnNullOrText(string header)
    {
        var m = HeaderAliases.Resolve(header);
        Assert.True(m is null || m.Column.Role == ColumnRole.Text);
    }

    [Fact]
    public void EveryCanonicalName_IsLowerCaseIdentifier()
    {
        foreach (var name in HeaderAliases.Canonical.Keys)
            Assert.Matches("^[a-z][a-z0-9_]*$", name);
    }
}
