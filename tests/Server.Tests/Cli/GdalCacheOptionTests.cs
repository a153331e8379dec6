using GisBridge.Protocol.V1;
using GisBridge.Server.Cli;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Tests.Support;

namespace GisBridge.Server.Tests.Cli;

/// <summary>`--gdal-cache-mb` reaches GDAL (read back through GDAL's own getter) for serve and the batch verbs, is
/// reported by info, and refuses sizes that are not positive or exceed the machine's memory.</summary>
public sealed class GdalCacheOptionTests : IDisposable
{
    public void Dispose() => GdalLibrary.SetCacheMax(GdalLibrary.DefaultCacheMaxBytes);

    [Fact]
    public async Task WithoutTheOption_GdalGetsTheDefault64Megabytes()
    {
        Assert.Equal(0, await CliRoot.InvokeAsync(["info"]));
        Assert.Equal(64L * 1024 * 1024, GdalNative.GDALGetCacheMax64());
    }

    [Theory]
    [InlineData("info")]
    [InlineData("indices --input samples.csv --output indices.gpkg")]
    public void TheVerbsTakeTheOption(string command)
    {
        string[] args = [.. command.Split(' '), "--gdal-cache-mb", "300"];
        var parse = CliRoot.Create(args).Parse(args);
        Assert.Empty(parse.Errors);
        Assert.Equal(300, parse.GetValue<long>(GdalCacheOption.Name));
        GdalCacheOption.Apply(parse);
        Assert.Equal(300L * 1024 * 1024, GdalNative.GDALGetCacheMax64());
    }

    [Fact]
    public async Task Serve_StartsWithTheConfiguredCache_AndInfoReportsIt()
    {
        var parse = CliRoot.Create(["serve"]).Parse(["serve", "--port", "0", "--gdal-cache-mb", "48"]);
        Assert.Empty(parse.Errors);
        GdalCacheOption.Apply(parse);
        await using var server = await TestServer.StartAsync();
        var info = await new ServerInfo.ServerInfoClient(server.Channel).GetInfoAsync(new GetInfoRequest());
        Assert.Equal(48L * 1024 * 1024, GdalNative.GDALGetCacheMax64());
        Assert.Equal(48L * 1024 * 1024, info.GdalCacheBytes);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("more than the machine")]
    public async Task NonPositiveOrAbsurdSizes_AreRefusedNamingTheOption(string value)
    {
        long memoryMb = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024);
        if (value == "more than the machine") value = (memoryMb + 1).ToString();
        GdalLibrary.SetCacheMax(64L << 20);
        var parse = CliRoot.Create(["serve"]).Parse(["serve", "--gdal-cache-mb", value]);
        var error = Assert.Single(parse.Errors);
        Assert.Contains("--gdal-cache-mb", error.Message);
        Assert.Contains(value, error.Message);
        Assert.NotEqual(0, await CliRoot.InvokeAsync(["info", "--gdal-cache-mb", value]));
        Assert.Equal(64L << 20, GdalNative.GDALGetCacheMax64());
    }
}
