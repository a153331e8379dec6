using System.Diagnostics;
using GisBridge.Algorithms.Common;
using static TorchSharp.torch;

namespace GisBridge.Bench;

/// <summary>
/// Shows the TorchSharp 0.107 race that <see cref="HeldScalars"/> avoids: small tensor additions on one thread
/// while another thread allocates (as Kestrel, progress reports or another job do in the server). With TorchSharp's
/// operator (mode temporary) the alpha Scalar it makes for every a + b can be finalised during the native call, and
/// libtorch then reads freed memory ("Expected false to be true" in c10::Scalar::toFloat); with
/// <see cref="HeldScalars.Plus(Tensor, Tensor)"/> (mode held) it cannot.
/// Usage: GisBridge.Bench scalar-race [--mode temporary|held] [--seconds 20]
/// </summary>
public static class ScalarRaceBenchmark
{
    public static int Run(string[] args)
    {
        string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        string mode = Get("--mode") ?? "held";
        if (mode is not ("temporary" or "held")) { Console.Error.WriteLine("--mode is temporary or held"); return 2; }
        double seconds = double.Parse(Get("--seconds") ?? "20", System.Globalization.CultureInfo.InvariantCulture);
        bool stop = false;
        var noise = new Thread(() =>
        {
            var keep = new List<byte[]>();
            while (!Volatile.Read(ref stop))
            {
                keep.Add(new byte[4096]);
                if (keep.Count > 2000) keep.Clear();
            }
        });
        noise.Start();
        using var a = ones(1, 9, 1, 1);
        using var b = ones(1, 1, 8, 1);
        long additions = 0;
        string outcome = "none";
        var watch = Stopwatch.StartNew();
        try
        {
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                using var scope = NewDisposeScope();
                for (int i = 0; i < 1000; i++) _ = mode == "temporary" ? a + b : a.Plus(b);
                additions += 1000;
            }
        }
        catch (Exception e)
        {
            outcome = e.Message.Split('\n')[0].Trim();
        }
        Volatile.Write(ref stop, true);
        noise.Join();
        Console.WriteLine($"scalar_race_mode={mode}\nscalar_race_additions={additions}\nscalar_race_seconds={watch.Elapsed.TotalSeconds:F1}\n" +
            $"scalar_race_error={outcome}");
        return 0;
    }
}
