using GisBridge.Bench;
using GisBridge.Server.Tests.Support;

namespace GisBridge.Server.Tests.Hosting;

/// <summary>The short form of the fuzz harness (bench/GisBridge.Bench fuzz runs the long one).</summary>
public class FuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RandomAndMalformedStreamsGetOnlyDocumentedCodes()
    {
        await using var server = await TestServer.StartAsync();
        var summary = await FuzzHarness.RunAsync(server.Channel.CreateCallInvoker(), requests: 600, seed: 42, log: new StringWriter());
        output.WriteLine(summary.Report());
        Assert.True(summary.Methods >= 1);
        Assert.Equal(0, summary.Undocumented);
        Assert.True(summary.Alive);
    }
}
