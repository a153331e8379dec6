using Grpc.Core;
using GisBridge.Bench;
using GisBridge.Server.Tests.Support;

namespace GisBridge.Server.Tests.Hosting;

/// <summary>The short form of the fuzz target (bench/fuzz.sh runs the long one against a separate server process).</summary>
public class FuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RandomCallsToEveryRpcGetNoUnknownNoDeadlineAndLeaveTheServerServing()
    {
        await using var server = await TestServer.StartAsync(o => o.InputIdleTimeout = TimeSpan.FromSeconds(0.5));
        var log = new StringWriter();
        var summary = await FuzzHarness.RunAsync(server.Channel.CreateCallInvoker(), calls: 300, seed: 42, log,
            deadline: TimeSpan.FromSeconds(10), memory: () => FuzzHarness.MemoryOf(Environment.ProcessId));
        output.WriteLine(summary.Report());
        output.WriteLine(log.ToString());
        // The job RPCs of protos/ (20 today) and the health and reflection services.
        Assert.True(summary.Methods >= 24, $"{summary.Methods} methods discovered");
        Assert.Equal(0, summary.Count(StatusCode.Unknown));
        Assert.Equal(0, summary.Count(StatusCode.DeadlineExceeded));
        Assert.Equal(0, summary.Undocumented);
        Assert.True(summary.Serving);
    }
}
