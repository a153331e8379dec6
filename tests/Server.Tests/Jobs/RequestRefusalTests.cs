using Grpc.Core;
using GisBridge.Protocol.V1;
using Proto = GisBridge.Protocol.V1;
using GisBridge.Server.Tests.Support;

namespace GisBridge.Server.Tests.Jobs;

/// <summary>
/// A request that cannot succeed is refused before it waits for a job slot or is read further: options out of range,
/// a stream that ends without the inputs the options need, a stream that stalls mid-input (issue 19, item 1).
/// </summary>
public sealed class RequestRefusalTests : IAsyncLifetime
{
    private TestServer _server = null!;

    // The idle timeout is short for the stall tests, but not so short that a loaded machine (tests of other classes
    // run alongside) delays a half-close past it.
    public async Task InitializeAsync() =>
        _server = await TestServer.StartAsync(o => { o.MaxConcurrentJobs = 1; o.InputIdleTimeout = TimeSpan.FromSeconds(3); });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static CallOptions Deadline => new(deadline: DateTime.UtcNow.AddSeconds(30));

    [Theory]
    [InlineData(0, 64, "tiles")]          // no size given: a long benchmark must be asked for explicitly
    [InlineData(4, 0, "size")]
    [InlineData(1_000_000, 64, "tiles")]
    [InlineData(4, 100_000, "size")]
    public async Task SyntheticBenchmarkWithoutExplicitBoundedSizesIsRefusedWhileTheOnlySlotIsBusy(int tiles, int size, string field)
    {
        // Two jobs that sent their options and stall: one holds the only job slot until the idle timeout ends it,
        // the other is told it is queued, which shows that the slot is taken.
        var gravity = new Proto.Gravity.GravityClient(_server.Channel);
        using var a = gravity.UpwardContinuation(Deadline);
        using var b = gravity.UpwardContinuation(Deadline);
        foreach (var c in new[] { a, b })
            await c.RequestStream.WriteAsync(new UpwardContinuationRequest { Options = new UpwardContinuationOptions { Heights = { 1000 } } });
        Task<bool> nextA = a.ResponseStream.MoveNext(CancellationToken.None), nextB = b.ResponseStream.MoveNext(CancellationToken.None);
        var first = await Task.WhenAny(nextA, nextB);
        Assert.True(await first);
        Assert.Equal("queued", (first == nextA ? a : b).ResponseStream.Current.Progress?.Stage);

        using var call = new Proto.Lithology.LithologyClient(_server.Channel).SynthGravity(Deadline);
        await call.RequestStream.WriteAsync(new SynthGravityRequest { Options = new SynthGravityOptions { Tiles = tiles, Size = size } });
        await call.RequestStream.CompleteAsync();
        var (events, e) = await DrainAsync(call.ResponseStream);
        Assert.Equal(StatusCode.InvalidArgument, e?.StatusCode);
        Assert.StartsWith(field + ":", e!.Status.Detail);
        // Refused before the slot: the call never waited in the queue.
        Assert.DoesNotContain(events, ev => ev.Progress?.Stage == "queued");
    }

    [Theory]
    [InlineData(double.NaN, "heights")]
    [InlineData(-100.0, "heights")]       // downward without stabilisation
    public async Task ContinuationOptionsOutOfRangeAreInvalidArgumentBeforeAnyInput(double height, string field)
    {
        using var call = new Proto.Gravity.GravityClient(_server.Channel).UpwardContinuation(Deadline);
        await call.RequestStream.WriteAsync(new UpwardContinuationRequest { Options = new UpwardContinuationOptions { Heights = { height } } });
        // No raster follows and the stream stays open: the refusal cannot come from the inputs or the idle timeout.
        var (_, e) = await DrainAsync(call.ResponseStream);
        Assert.Equal(StatusCode.InvalidArgument, e?.StatusCode);
        Assert.Contains(field, e!.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StreamEndingWithoutTheNeededInputsIsInvalidArgumentNamingThem()
    {
        using var call = new GravityReduction.GravityReductionClient(_server.Channel).BouguerAnomaly(Deadline);
        await call.RequestStream.WriteAsync(new BouguerAnomalyRequest { Options = new BouguerAnomalyOptions() });
        await call.RequestStream.CompleteAsync();
        var (_, e) = await DrainAsync(call.ResponseStream);
        Assert.Equal(StatusCode.InvalidArgument, e?.StatusCode);
        Assert.Contains("raster 'input' and raster 'topography'", e!.Status.Detail);
    }

    [Fact]
    public async Task InputsSentToAJobThatReadsNoneAreInvalidArgumentBeforeItsWorkStarts()
    {
        // Found by the 100,000-call fuzz run: valid benchmark sizes followed by a raster the job never reads; it ran
        // for 17 s past the client's deadline. A stream carrying inputs the RPC does not take is malformed.
        using var call = new Proto.Lithology.LithologyClient(_server.Channel).SynthGravity(Deadline);
        await call.RequestStream.WriteAsync(new SynthGravityRequest { Options = new SynthGravityOptions { Tiles = 103, Size = 221, Classes = 3 } });
        await call.RequestStream.WriteAsync(new SynthGravityRequest { Data = new JobData { RasterHeader = RasterStreams.Header(2, 1) } });
        await call.RequestStream.WriteAsync(new SynthGravityRequest { Data = new JobData { RasterChunk = RasterStreams.Chunk(0, 0, 1, new byte[8]) } });
        await call.RequestStream.CompleteAsync();
        var (events, e) = await DrainAsync(call.ResponseStream);
        Assert.Equal(StatusCode.InvalidArgument, e?.StatusCode);
        Assert.Contains("reads no input", e!.Status.Detail);
        Assert.Contains("raster 'input'", e.Status.Detail);
        Assert.DoesNotContain(events, ev => ev.Progress?.Stage == "forward modelling");
    }

    [Fact]
    public async Task SpectrumStreamEndingWithoutItsGridIsInvalidArgumentNamingIt()
    {
        using var call = new Proto.PowerSpectrum.PowerSpectrumClient(_server.Channel).RadialSpectrum(Deadline);
        await call.RequestStream.WriteAsync(new RadialSpectrumRequest { Options = new RadialSpectrumOptions() });
        await call.RequestStream.CompleteAsync();
        var (_, e) = await DrainAsync(call.ResponseStream);
        Assert.Equal(StatusCode.InvalidArgument, e?.StatusCode);
        Assert.Contains("ended without raster 'input'", e!.Status.Detail);
    }

    [Fact]
    public async Task FileNameTooLongForTheFileSystemIsInvalidArgument()
    {
        // Found by bench/fuzz.sh: the file system's PathTooLongException was an INTERNAL error.
        using var call = new Proto.Geochemistry.GeochemistryClient(_server.Channel).AnomalyIndices(Deadline);
        await call.RequestStream.WriteAsync(new AnomalyIndicesRequest { Options = new AnomalyIndicesOptions() });
        await call.RequestStream.WriteAsync(new AnomalyIndicesRequest
        {
            Data = new JobData { FileHeader = new FileHeader { Name = "table", FileName = new string('x', 2000) + ".csv", Size = 10 } },
        });
        await call.RequestStream.CompleteAsync();
        var (_, e) = await DrainAsync(call.ResponseStream);
        Assert.Equal(StatusCode.InvalidArgument, e?.StatusCode);
        Assert.StartsWith("file_name:", e!.Status.Detail);
    }

    [Fact]
    public async Task StreamThatStallsMidInputIsAbortedNamingTheIdleTimeout()
    {
        using var call = new Proto.Gravity.GravityClient(_server.Channel).UpwardContinuation(Deadline);
        await call.RequestStream.WriteAsync(new UpwardContinuationRequest { Options = new UpwardContinuationOptions { Heights = { 1000 } } });
        await call.RequestStream.WriteAsync(new UpwardContinuationRequest
        {
            Data = new JobData { RasterHeader = RasterStreams.Header(16, 16, RasterDataType.Float32) },
        });
        // The chunks never come and the stream is not ended.
        var (_, e) = await DrainAsync(call.ResponseStream);
        Assert.Equal(StatusCode.Aborted, e?.StatusCode);
        Assert.Contains("--input-idle-timeout", e!.Status.Detail);
    }

    private static async Task<(List<JobEvent> Events, RpcException? Error)> DrainAsync(IAsyncStreamReader<JobEvent> responses)
    {
        var events = new List<JobEvent>();
        try
        {
            while (await responses.MoveNext(CancellationToken.None)) events.Add(responses.Current);
            return (events, null);
        }
        catch (RpcException e)
        {
            return (events, e);
        }
    }
}
