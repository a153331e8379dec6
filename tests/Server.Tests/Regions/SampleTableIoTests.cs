using GisBridge.Algorithms.Common;
using GisBridge.Server.Regions;
using GisBridge.Server.Tests.Support;

namespace GisBridge.Server.Tests.Regions;

public sealed class SampleTableIoTests
{
    [Fact]
    public void RawGaleCsvGoesThroughTheGeochemistryReaderAndGetsIndices()
    {
        var table = SampleTableIo.Read(RepoPaths.Sample("geochem", "Gale_2013_MOR_Sample_Data.csv"), "samples");
        // 823 rows have both 206Pb/204Pb and 208Pb/204Pb (zeros are missing values, not ratios).
        Assert.Equal(823, table.Numeric("delta_8_4").Count(double.IsFinite));
        Assert.All(table.Numeric(SampleTable.Longitude), lon => Assert.InRange(lon, -180, 180));
        Assert.True(table.HasText("province"));
    }

    [Fact]
    public void GeoPackageColumnsBecomeLowerCaseAndPointsGiveTheLocation()
    {
        using var data = new RegionsTestData();
        var table = SampleTableIo.Read(data.SamplesPath, "samples");
        Assert.True(table.HasText("province"));
        Assert.True(table.HasNumeric("dupal"));
        Assert.Equal(85, table.Numeric(SampleTable.Longitude).Min(), 6);
        Assert.Equal(-50, table.Numeric(SampleTable.Latitude).Min(), 6);
    }
}
