using System.Diagnostics;
using Google.Protobuf.Reflection;
using Grpc.Core;
using GisBridge.Protocol.V1;

namespace GisBridge.Bench;

/// <summary>
/// Sends malformed and random request streams to every job RPC of the server and counts the status codes.
/// Passes when no call gets a code outside the documented set and the server keeps answering.
/// </summary>
public static class FuzzHarness
{
    public static readonly StatusCode[] Documented =
        [StatusCode.OK, StatusCode.InvalidArgument, StatusCode.ResourceExhausted, StatusCode.Cancelled, StatusCode.DeadlineExceeded, TransportReset];

    /// <summary>
    /// Kestrel's HTTP/2 defence against rapid stream resets (ENHANCE_YOUR_CALM) closes a connection that cancels
    /// streams in bursts; the client reconnects. Counted apart: it is the transport protecting the server.
    /// </summary>
    public const StatusCode TransportReset = (StatusCode)1000;

    private static bool IsTransportDefence(RpcException e) =>
        e.StatusCode is StatusCode.Internal or StatusCode.Unavailable &&
        (e.Status.Detail.Contains("ENHANCE_YOUR_CALM", StringComparison.Ordinal) || e.Status.DebugException is System.Net.Http.HttpProtocolException or System.Net.Http.HttpRequestException);

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var (channel, app) = await args.ConnectAsync();
        var summary = await RunAsync(channel.CreateCallInvoker(), args.Requests, args.Seed, Console.Error, TimeSpan.FromSeconds(3));
        Console.WriteLine(summary.Report());
        channel.Dispose();
        if (app is not null) await app.StopAsync();
        return summary.Undocumented == 0 && summary.Alive ? 0 : 1;
    }

    /// <param name="RssTenthsMb">Resident memory at each tenth of the run, the last one at its end.</param>
    public sealed record Summary(int Methods, Dictionary<string, int> Codes, int Undocumented, bool Alive, long RssStartMb, double Seconds,
        IReadOnlyList<long> RssTenthsMb, IReadOnlyList<long> ManagedTenthsMb)
    {
        /// <summary>Once the pools and heaps have grown to their working size: "flat" is the end against this.</summary>
        public long RssWarmMb => RssTenthsMb[0];
        public long RssEndMb => RssTenthsMb[^1];

        public string Report() =>
            $"fuzz_requests={Codes.Values.Sum()}\nfuzz_undocumented={Undocumented}\nfuzz_server_alive={Alive.ToString().ToLowerInvariant()}\n" +
            $"fuzz_rss_start_mb={RssStartMb}\nfuzz_rss_after_first_tenth_mb={RssWarmMb}\nfuzz_rss_end_mb={RssEndMb}\nfuzz_seconds={Seconds:F1}\n" +
            $"fuzz_rss_each_tenth_mb={string.Join(" ", RssTenthsMb)}\nfuzz_managed_heap_each_tenth_mb={string.Join(" ", ManagedTenthsMb)}\n" +
            $"fuzz_rss_growth_second_half_mb={(RssTenthsMb.Count >= 10 ? RssTenthsMb[9] - RssTenthsMb[4] : 0)}\n" +
            $"fuzz_codes={string.Join(",", Codes.OrderBy(k => k.Key).Select(k => $"{k.Key}:{k.Value}"))}\nfuzz_methods={Methods}";
    }

    /// <param name="idlePause">Pause at each tenth before memory is sampled (the bench uses 3 s, longer than the idle
    /// server's reclaim delay; the short test form none).</param>
    public static async Task<Summary> RunAsync(CallInvoker invoker, int requests, int seed, TextWriter log, TimeSpan idlePause = default)
    {
        var methods = await ServedAsync(invoker, JobMethods());
        var rnd = new Random(seed);
        var cases = new FuzzCases(rnd);
        var codes = new Dictionary<string, int>();
        int undocumented = 0;
        GC.Collect();
        long rssStart = Process.GetCurrentProcess().WorkingSet64 >> 20;
        var sw = Stopwatch.StartNew();
        var rssTenths = new List<long>();
        var managedTenths = new List<long>();
        // A leak shows as a rising series after warm-up; a bounded pool as a plateau. At each tenth the client pauses
        // as a user would, long enough for the idle server to return memory (MemoryReclaimer: 2 s).
        async Task SampleAsync()
        {
            await Task.Delay(idlePause);
            managedTenths.Add(GC.GetTotalMemory(forceFullCollection: true) >> 20);
            rssTenths.Add(Process.GetCurrentProcess().WorkingSet64 >> 20);
        }
        for (int i = 0; i < requests; i++)
        {
            if (i > 0 && i % Math.Max(1, requests / 10) == 0)
                await SampleAsync();
            var method = methods[rnd.Next(methods.Count)];
            var messages = cases.Next();
            int mode = rnd.Next(20);  // 0: cancel mid-stream, 1: tight deadline
            var code = await CallAsync(invoker, method, messages, mode);
            var key = code == TransportReset ? "TransportReset" : $"{code}";
            codes[key] = codes.GetValueOrDefault(key) + 1;
            if (!Documented.Contains(code))
            {
                undocumented++;
                log.WriteLine($"undocumented status {code} from {method.FullName} (case {i})");
            }
        }
        await SampleAsync();
        var info = await new ServerInfo.ServerInfoClient(invoker).GetInfoAsync(new GetInfoRequest());
        return new Summary(methods.Count, codes, undocumented, info.ProtocolVersion > 0, rssStart, sw.Elapsed.TotalSeconds, rssTenths, managedTenths);
    }

    /// <summary>The methods this server implements (a capability not built in answers UNIMPLEMENTED).</summary>
    private static async Task<List<Method<byte[], byte[]>>> ServedAsync(CallInvoker invoker, IEnumerable<Method<byte[], byte[]>> methods)
    {
        var served = new List<Method<byte[], byte[]>>();
        foreach (var m in methods)
            if (await CallAsync(invoker, m, [], 2) != StatusCode.Unimplemented) served.Add(m);
        return served;
    }

    /// <summary>Every bidirectional-streaming RPC of the protocol.</summary>
    public static IEnumerable<Method<byte[], byte[]>> JobMethods()
    {
        var files = new[] { ServerReflection.Descriptor, GravityReflection.Descriptor, GeochemistryReflection.Descriptor, RegionsReflection.Descriptor, LithologyReflection.Descriptor, AnalysisReflection.Descriptor };
        var raw = Marshallers.Create(b => b, b => b);
        foreach (var file in files)
            foreach (ServiceDescriptor service in file.Services)
                foreach (var m in service.Methods.Where(m => m.IsClientStreaming && m.IsServerStreaming))
                    yield return new Method<byte[], byte[]>(MethodType.DuplexStreaming, service.FullName, m.Name, raw, raw);
    }

    private static async Task<StatusCode> CallAsync(CallInvoker invoker, Method<byte[], byte[]> method, List<byte[]> messages, int mode)
    {
        using var cts = new CancellationTokenSource();
        var options = new CallOptions(cancellationToken: cts.Token, deadline: mode == 1 ? DateTime.UtcNow.AddMilliseconds(5) : DateTime.UtcNow.AddSeconds(30));
        try
        {
            using var call = invoker.AsyncDuplexStreamingCall(method, null, options);
            var reading = Task.Run(async () => { await foreach (var _ in call.ResponseStream.ReadAllAsync()) { } });
            try
            {
                foreach (var m in messages)
                {
                    await call.RequestStream.WriteAsync(m);
                    if (mode == 0) cts.Cancel();
                }
                await call.RequestStream.CompleteAsync();
            }
            catch (Exception)
            {
                // The server may end the call (or the connection) while we still write; the status tells why.
            }
            await reading;
            return StatusCode.OK;
        }
        catch (RpcException e) when (IsTransportDefence(e))
        {
            return TransportReset;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
