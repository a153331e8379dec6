using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;

namespace GisBridge.Bench;

/// <summary>
/// Sends raw random bytes and random protobuf-shaped messages (<see cref="ProtoShapes"/>), and the job protocol's own
/// malformed streams (<see cref="FuzzCases"/>), to every RPC the descriptors list, health and reflection included:
/// streams that end early, stall without ending, or are cancelled. Counts the status codes, finds the slowest answer
/// and samples the server's resident memory. Passes with no UNKNOWN, no DEADLINE_EXCEEDED (the client's deadline
/// passed: the server held a call open), no code outside the documented set, and the server SERVING after.
/// </summary>
public static class FuzzHarness
{
    /// <summary>What a call may end with. DEADLINE_EXCEEDED and UNKNOWN are not in it.</summary>
    public static readonly StatusCode[] Documented =
    [
        StatusCode.OK, StatusCode.InvalidArgument, StatusCode.ResourceExhausted, StatusCode.Cancelled, StatusCode.Aborted,
        StatusCode.Unimplemented, StatusCode.NotFound, StatusCode.FailedPrecondition, TransportReset,
    ];

    /// <summary>
    /// Kestrel's HTTP/2 defence against rapid stream resets (ENHANCE_YOUR_CALM) closes a connection that cancels
    /// streams in bursts; the client reconnects. Counted apart: it is the transport protecting the server.
    /// </summary>
    public const StatusCode TransportReset = (StatusCode)1000;

    public enum Mode { Complete, EndEarly, Stall, Cancel }

    /// <param name="Seconds">Wall time of the whole run.</param>
    /// <param name="SlowestSeconds">Longest time from the client's last action (its last write, half-close or
    /// cancel) to the call's status, over the calls that did not stall.</param>
    /// <param name="StallSeconds">Longest time a stalled call waited for the server to end it after its last write.</param>
    /// <param name="Memory">Server memory: at the start, then at each tenth, the last one at the end.</param>
    /// <param name="FirstInfoSeconds">The first GetInfo of the run, before the fuzzed calls (it loads GDAL and libtorch).</param>
    public sealed record Summary(int Methods, Dictionary<string, int> Codes, int Undocumented, bool Serving, double Seconds,
        double SlowestSeconds, string SlowestCall, double StallSeconds, int Stalled, IReadOnlyList<MemorySample> Memory, double FirstInfoSeconds)
    {
        public int Count(StatusCode code) => Codes.GetValueOrDefault(code.ToString());
        public long RssStartMb => Memory[0].ResidentMb;
        public long RssEndMb => Memory[^1].ResidentMb;

        public string Report() =>
            $"fuzz_calls={Codes.Values.Sum()}\nfuzz_methods={Methods}\n" +
            $"fuzz_codes={string.Join(",", Codes.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}:{k.Value}"))}\n" +
            $"fuzz_unknown={Count(StatusCode.Unknown)}\nfuzz_deadline_exceeded={Count(StatusCode.DeadlineExceeded)}\n" +
            $"fuzz_undocumented={Undocumented}\nfuzz_serving_after={Serving.ToString().ToLowerInvariant()}\n" +
            $"fuzz_slowest_s={SlowestSeconds:F3}\nfuzz_slowest_call={SlowestCall}\n" +
            $"fuzz_stalled_calls={Stalled}\nfuzz_stall_ended_after_max_s={StallSeconds:F3}\n" +
            $"fuzz_rss_start_mb={RssStartMb}\nfuzz_rss_end_mb={RssEndMb}\n" +
            $"fuzz_rss_each_tenth_mb={string.Join(" ", Memory.Select(m => m.ResidentMb))}\n" +
            $"fuzz_private_each_tenth_mb={string.Join(" ", Memory.Select(m => m.PrivateMb))}\n" +
            $"fuzz_first_info_s={FirstInfoSeconds:F3}\nfuzz_seconds={Seconds:F1}";
    }

    /// <summary>`GisBridge.Bench fuzz`: against --address (a separately started server; --server-pid for its memory)
    /// or an in-process one. Exit 0 when the run passes.</summary>
    public static async Task<int> RunAsync(BenchArgs args, string[] raw)
    {
        string? Get(string name) => raw.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int? pid = Get("--server-pid") is string p ? int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) : null;
        double deadline = Get("--deadline-s") is string d ? double.Parse(d, System.Globalization.CultureInfo.InvariantCulture) : 10;
        if (Get("--show-call") is string show)
        {
            Console.WriteLine(ShowCall(args.Seed, int.Parse(show, System.Globalization.CultureInfo.InvariantCulture)));
            return 0;
        }
        var (channel, app) = await args.ConnectAsync();
        var summary = await RunAsync(channel.CreateCallInvoker(), args.Requests, args.Seed, Console.Error,
            TimeSpan.FromSeconds(deadline), () => MemoryOf(pid ?? Environment.ProcessId), TimeSpan.FromSeconds(3));
        Console.WriteLine(summary.Report());
        channel.Dispose();
        if (app is not null) await app.StopAsync();
        return Passed(summary) ? 0 : 1;
    }

    public static bool Passed(Summary s) =>
        s.Undocumented == 0 && s.Count(StatusCode.Unknown) == 0 && s.Count(StatusCode.DeadlineExceeded) == 0 && s.Serving;

    /// <param name="memory">The server's memory (read where the server runs).</param>
    /// <param name="idlePause">Pause before each memory sample, longer than the idle server's reclaim delay
    /// (MemoryReclaimer: 2 s); the short test form passes none.</param>
    public static async Task<Summary> RunAsync(CallInvoker invoker, int calls, int seed, TextWriter log, TimeSpan deadline,
        Func<MemorySample> memory, TimeSpan idlePause = default)
    {
        var methods = ProtoShapes.Discover();
        var rnd = new Random(seed);
        var jobCases = new FuzzCases(rnd);
        var codes = new Dictionary<string, int>();
        int undocumented = 0, stalled = 0;
        double slowest = 0, stallMax = 0;
        string slowestCall = "";
        // A client first asks for the server's info (the plugin checks the protocol version); that first answer loads
        // GDAL and libtorch and is timed apart from the fuzzed calls.
        var first = Stopwatch.StartNew();
        await new Protocol.V1.ServerInfo.ServerInfoClient(invoker).GetInfoAsync(new Protocol.V1.GetInfoRequest(), deadline: DateTime.UtcNow.AddSeconds(60));
        double firstInfo = first.Elapsed.TotalSeconds;
        var rss = new List<MemorySample> { memory() };
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < calls; i++)
        {
            if (i > 0 && i % Math.Max(1, calls / 10) == 0 && rss.Count < 10)
            {
                await Task.Delay(idlePause);
                rss.Add(memory());
            }
            var (method, messages, mode) = NextCall(rnd, jobCases, methods);
            var (code, waited, detail) = await CallAsync(invoker, method, messages, mode, deadline);
            string key = code == TransportReset ? "TransportReset" : code.ToString();
            codes[key] = codes.GetValueOrDefault(key) + 1;
            if (mode == Mode.Stall)
            {
                stalled++;
                stallMax = Math.Max(stallMax, waited);
            }
            else if (waited > slowest)
            {
                slowest = waited;
                slowestCall = $"{method.FullName} ({mode}, {messages.Count} messages, call {i}: {code})";
            }
            if (!Documented.Contains(code))
            {
                undocumented++;
                log.WriteLine($"undocumented status {code} from {method.FullName} ({mode}, call {i}): {detail}");
            }
        }
        await Task.Delay(idlePause);
        rss.Add(memory());
        bool serving = await ServingAsync(invoker);
        return new Summary(methods.Count, codes, undocumented, serving, clock.Elapsed.TotalSeconds, slowest, slowestCall,
            stallMax, stalled, rss, firstInfo);
    }

    /// <summary>The next call of a seeded run: its RPC, messages and mode (drawn from the seed alone, so that a
    /// call can be shown again without a server: <see cref="ShowCall"/>).</summary>
    private static (FuzzMethod Method, List<byte[]> Messages, Mode Mode) NextCall(Random rnd, FuzzCases jobCases, IReadOnlyList<FuzzMethod> methods)
    {
        var method = methods[rnd.Next(methods.Count)];
        var messages = Messages(rnd, jobCases, method);
        // Only a job's input stream is expected to end when it stalls; a reflection session stays open by design.
        var mode = !method.ClientStreams ? (rnd.Next(50) == 0 ? Mode.Cancel : Mode.Complete) : rnd.Next(100) switch
        {
            < 2 when IsJobRpc(method) => Mode.Stall,
            < 4 => Mode.Cancel,
            < 20 => Mode.EndEarly,
            _ => Mode.Complete,
        };
        if (mode == Mode.EndEarly) messages = messages.Take(rnd.Next(0, 2)).ToList();
        return (method, messages, mode);
    }

    /// <summary>`fuzz --show-call N`: what call N of the seeded run sends, each message parsed by its request type
    /// where it parses (raw bytes often do not), so that a finding of a long run can be reproduced.</summary>
    public static string ShowCall(int seed, int index)
    {
        var methods = ProtoShapes.Discover();
        var rnd = new Random(seed);
        var jobCases = new FuzzCases(rnd);
        for (int i = 0; ; i++)
        {
            var (method, messages, mode) = NextCall(rnd, jobCases, methods);
            if (i < index) continue;
            var lines = messages.Select((m, k) =>
            {
                try { return $"  message {k}: {method.Input.Parser.ParseFrom(m)}"; }
                catch (Google.Protobuf.InvalidProtocolBufferException) { return $"  message {k}: {m.Length} bytes that do not parse"; }
            });
            return $"call {index} (seed {seed}): {method.FullName}, {mode}, {messages.Count} messages\n{string.Join("\n", lines)}";
        }
    }

    /// <summary>A call's messages: raw bytes, messages shaped by its request type, or the job protocol's own streams.</summary>
    private static List<byte[]> Messages(Random rnd, FuzzCases jobCases, FuzzMethod method)
    {
        int kind = rnd.Next(10);
        if (kind == 0) return [ProtoShapes.RandomBytes(rnd, rnd.Next(0, 64))];
        if (!method.ClientStreams) return [ProtoShapes.RandomMessage(rnd, method.Input)];
        if (IsJobRpc(method) && kind <= 4) return jobCases.Next();
        return Enumerable.Range(0, rnd.Next(1, 8)).Select(_ => ProtoShapes.RandomMessage(rnd, method.Input)).ToList();
    }

    /// <summary>A job RPC: its requests are a oneof of options and data (common.proto).</summary>
    private static bool IsJobRpc(FuzzMethod m) =>
        m.ClientStreams && m.Input.FindFieldByName("options") is not null && m.Input.FindFieldByName("data") is not null;

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(b => b, b => b);

    /// <returns>The status, the seconds from the client's last action to it, and its detail.</returns>
    private static async Task<(StatusCode, double, string)> CallAsync(CallInvoker invoker, FuzzMethod m, List<byte[]> messages, Mode mode, TimeSpan deadline)
    {
        using var cts = new CancellationTokenSource();
        var options = new CallOptions(cancellationToken: cts.Token, deadline: DateTime.UtcNow + deadline);
        var method = new Method<byte[], byte[]>(m.Type, m.Service, m.Name, Raw, Raw);
        var sinceLast = Stopwatch.StartNew();
        try
        {
            switch (m.Type)
            {
                case MethodType.Unary:
                    var unary = invoker.AsyncUnaryCall(method, null, options, messages.FirstOrDefault() ?? []);
                    if (mode == Mode.Cancel) cts.Cancel();
                    await unary.ResponseAsync;
                    unary.Dispose();
                    break;
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(method, null, options, messages.FirstOrDefault() ?? []))
                    {
                        // Health/Watch streams until the client leaves: one answer is the call's result.
                        if (mode == Mode.Cancel) cts.Cancel();
                        await call.ResponseStream.MoveNext(CancellationToken.None);
                    }
                    break;
                default:
                    using (var call = invoker.AsyncDuplexStreamingCall(method, null, options))
                    {
                        var reading = Task.Run(async () => { while (await call.ResponseStream.MoveNext(CancellationToken.None)) { } });
                        try
                        {
                            foreach (var message in messages)
                            {
                                await call.RequestStream.WriteAsync(message);
                                sinceLast.Restart();
                            }
                            if (mode == Mode.Cancel) cts.Cancel();
                            else if (mode != Mode.Stall) await call.RequestStream.CompleteAsync();
                        }
                        catch (Exception)
                        {
                            // The server may end the call (or the connection) while we still write; the status tells why.
                        }
                        sinceLast.Restart();
                        await reading;
                    }
                    break;
            }
            return (StatusCode.OK, sinceLast.Elapsed.TotalSeconds, "");
        }
        catch (RpcException e) when (IsTransportDefence(e))
        {
            return (TransportReset, sinceLast.Elapsed.TotalSeconds, e.Status.Detail);
        }
        catch (RpcException e)
        {
            return (e.StatusCode, sinceLast.Elapsed.TotalSeconds, $"{e.Status.Detail} {e.Status.DebugException?.GetType().Name} {e.Status.DebugException?.Message}");
        }
    }

    private static bool IsTransportDefence(RpcException e) =>
        e.StatusCode is StatusCode.Internal or StatusCode.Unavailable &&
        (e.Status.Detail.Contains("ENHANCE_YOUR_CALM", StringComparison.Ordinal) ||
         e.Status.DebugException is System.Net.Http.HttpProtocolException or System.Net.Http.HttpRequestException);

    private static async Task<bool> ServingAsync(CallInvoker invoker)
    {
        var reply = await new Health.HealthClient(invoker).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving;
    }

    /// <summary>Resident memory of a process on this machine, and the private (anonymous) part of it: what the
    /// process allocated, without the pages of its libraries' files mapped in as their code is first run (Linux
    /// /proc; elsewhere the .NET working set for both).</summary>
    public static MemorySample MemoryOf(int pid)
    {
        string status = $"/proc/{pid}/status";
        if (!File.Exists(status))
        {
            long mb = Process.GetProcessById(pid).WorkingSet64 >> 20;
            return new MemorySample(mb, mb);
        }
        long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        long resident = 0, anonymous = 0;
        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) resident = Kb(line);
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) anonymous = Kb(line);
        }
        return new MemorySample(resident >> 10, anonymous >> 10);
    }
}

/// <summary>A process's resident memory and the private (anonymous) part of it, MB.</summary>
public readonly record struct MemorySample(long ResidentMb, long PrivateMb);
