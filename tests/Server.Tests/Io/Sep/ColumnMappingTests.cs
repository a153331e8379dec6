using GisBridge.Algorithms.Geochemistry;
using GisBridge.Server.Io.Sep;

namespace GisBridge.Server.Tests.Io.Sep;

public class ColumnMappingTests
{
    [Fact]
    public void ParseMapping_ReadsTheCliForm()
    {
        var m = ReaderOptions.ParseMapping("207Pb/206Pb=pb207_pb204, Lat=latitude,Junk=ignore,La_ngg=la:ppb");
        Assert.Equal("pb207_pb204", m["207pb/206pb"]);
        Assert.Equal("latitude", m["Lat"]);
        Assert.Equal("ignore", m["Junk"]);
        Assert.Equal("la:ppb", m["La_ngg"]);
        Assert.Throws<ArgumentException>(() => ReaderOptions.ParseMapping("nothing-here"));
    }

    [Fact]
    public void UserMapping_OverridesAliases_IgnoresAndConvertsUnits()
    {
        var options = new ReaderOptions
        {
            ColumnMapping = ReaderOptions.ParseMapping("Y_coord=latitude,X_coord=longitude,207Pb/206Pb=pb207_pb204,Sr=ignore,La_ngg=la:ppb"),
        };
        var r = GeochemTestData.ReadText("Y_coord,X_coord,207Pb/206Pb,Sr,La_ngg,MgO\n-40,80,15.5,120,3000,7\n", options);
        Assert.Equal(-40, r.Table.Numeric("latitude")[0]);
        Assert.Equal(15.5, r.Table.Numeric("pb207_pb204")[0]);
        Assert.False(r.Table.HasNumeric("pb207_pb206"));
        Assert.False(r.Table.HasNumeric("sr"));
        Assert.Equal(3.0, r.Table.Numeric("la")[0], 12);
        Assert.Contains(r.Report.ColumnsMapped, m => m.From == "207Pb/206Pb" && m.Origin == "user mapping");
        Assert.Contains(r.Report.ColumnsIgnored, c => c.Name == "Sr" && c.Reason.Contains("user mapping"));
    }

    [Fact]
    public void GaleFormat_MapsMislabelled207ColumnTo207Over204_AndSaysSo()
    {
        var r = GeochemTestData.ReadText("Province,Latitude,Longitude,SiO2,FeO,MgO,Ti,Ba,206Pb/204Pb,207Pb/206Pb,208Pb/204Pb\n" +
                                         "SEIR1,-40,80,50,10,7,1.5,0.6,18.0,15.5,38.0\n");
        Assert.Equal(TableFormat.Gale, r.Format);
        Assert.Equal(15.5, r.Table.Numeric("pb207_pb204")[0]);
        Assert.Equal(10, r.Table.Numeric("feot")[0]);
        Assert.False(r.Table.HasNumeric("ti"));
        Assert.False(r.Table.HasNumeric("ba"));
        Assert.Contains(r.Report.ColumnsMapped, m => m.From == "207Pb/206Pb" && m.To == "pb207_pb204" && m.Origin == "gale default");
        Assert.Contains(r.Report.Notes, n => n.Contains("holds 207Pb/204Pb"));
    }

    [Fact]
    public void GaleDefault_IsNotApplied_WhenTheFileHasARealPb207Pb204Column()
    {
        var r = GeochemTestData.ReadText("Province,Latitude,Longitude,SiO2,MgO,TiO2,206Pb/204Pb,207Pb/204Pb,207Pb/206Pb\nSEIR1,-40,80,50,7,1.5,18.0,15.5,0.861\n");
        Assert.Equal(TableFormat.Gale, r.Format);
        Assert.Equal(15.5, r.Table.Numeric("pb207_pb204")[0]);
        Assert.Equal(0.861, r.Table.Numeric("pb207_pb206")[0]);
        Assert.Contains(r.Report.Notes, n => n.Contains("not applied"));
    }

    [Fact]
    public void ForcedCsvFormat_KeepsTheLiteralMeaning_AndWarnsOnImplausibleValues()
    {
        var r = GeochemTestData.ReadText("Province,Latitude,Longitude,SiO2,MgO,TiO2,207Pb/206Pb\nSEIR1,-40,80,50,7,1.5,15.5\n",
            new ReaderOptions { Format = TableFormat.Csv });
        Assert.Equal(15.5, r.Table.Numeric("pb207_pb206")[0]);
        Assert.Contains(r.Report.Notes, n => n.Contains("pb207_pb206 has median") && n.Contains("--mapping"));
    }

    [Fact]
    public void UserMapping_WinsOverGaleDefault()
    {
        var options = new ReaderOptions { ColumnMapping = ReaderOptions.ParseMapping("207Pb/206Pb=pb207_pb206") };
        var r = GeochemTestData.ReadText("Province,Latitude,Longitude,SiO2,MgO,TiO2,207Pb/206Pb\nSEIR1,-40,80,50,7,1.5,0.85\n", options);
        Assert.Equal(0.85, r.Table.Numeric("pb207_pb206")[0]);
    }

    [Theory]
    [InlineData("Nope=la", "matches no column")]
    [InlineData("MgO=Bad Name", "lower case")]
    [InlineData("MgO=mgo:furlongs", "unit 'furlongs'")]
    public void BadMappings_AreRejectedWithTheReason(string mapping, string reason)
    {
        var options = new ReaderOptions { ColumnMapping = ReaderOptions.ParseMapping(mapping) };
        var e = Assert.Throws<ArgumentException>(() => GeochemTestData.ReadText("lat,lon,MgO\n1,2,7\n", options));
        Assert.Contains(reason, e.Message);
    }
}
