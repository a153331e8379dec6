using GisBridge.Server.Io.Gdal;

namespace GisBridge.Server.Tests.Io.Gdal;

public sealed class GdalLibraryTests
{
    [Fact]
    public void Candidates_CoverTheSystemLibraryNames()
    {
        var candidates = GdalLibrary.Candidates().ToList();
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains("libgdal.so", candidates);
            Assert.Contains("libgdal.so.32", candidates); // Debian 12
            Assert.Contains("libgdal.so.36", candidates);
        }
        else if (OperatingSystem.IsWindows())
        {
            Assert.Contains("gdal310.dll", candidates);
        }
    }

    [Fact]
    public void NoLoadableCandidate_GivesAnErrorListingWhatWasTried()
    {
        var tried = new List<string>();
        string[] fake = ["/nonexistent/libgdal.so.99", "libgdal-not-installed.so"];
        Assert.False(GdalLibrary.TryLoad(fake, tried, out nint handle, out _));
        Assert.Equal(0, handle);
        Assert.Equal(fake, tried);
        var e = GdalLibrary.NotFound(tried);
        Assert.Equal(GdalErrorKind.LibraryNotFound, e.Kind);
        Assert.Contains("/nonexistent/libgdal.so.99, libgdal-not-installed.so", e.Message);
        Assert.Contains(GdalLibrary.EnvironmentVariable, e.Message);
    }

    [Fact]
    public void ConcurrentFirstUse_InitialisesOnce()
    {
        var versions = new string[8];
        Parallel.For(0, versions.Length, i => versions[i] = GdalLibrary.Version);
        Assert.All(versions, v => Assert.Equal(versions[0], v));
    }
}
