using GisBridge.Tests.Support;

namespace GisBridge.Server.Tests.Support;

public class SharedDataTests
{
    [Fact]
    public void Shared_data_is_beside_the_clone_with_its_provenance()
    {
        string provenance = File.ReadAllText(SharedData.Path("PROVENANCE.md"));
        Assert.Contains("grav.V18.par.surf.1km.sq.nc", provenance);
        Assert.Throws<FileNotFoundException>(() => SharedData.Path("no-such-file.csv"));
    }
}
