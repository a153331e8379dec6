using System.Diagnostics;
using GisBridge.Server.Lithology;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Bench;

/// <summary>
/// Forward passes of a trained model on one fixed batch of tiles (seeded normal input, eval mode, no gradient),
/// timed after one warm-up pass; writes the input and the logits as safetensors so bench/ggmnet_torch.py can run
/// the same weights on the same tile in PyTorch and compare (bench/scripts/ggmnet_vs_pytorch.sh).
/// Usage: GisBridge.Bench ggmnet-forward MODEL_DIR IO.safetensors [--size 512] [--batch 1] [--repeat 3] [--threads 0]
/// </summary>
public static class GgmnetForwardBenchmark
{
    public static int Run(string[] args)
    {
        if (args.Length < 2 || args[0].StartsWith("--") || args[1].StartsWith("--"))
        {
            Console.Error.WriteLine("usage: GisBridge.Bench ggmnet-forward MODEL_DIR IO.safetensors [--size 512] [--batch 1] [--repeat 3] [--threads 0]");
            return 2;
        }
        string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Get(name) is string s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        int size = Int("--size", 512), batch = Int("--batch", 1), repeat = Int("--repeat", 3), threads = Int("--threads", 0);
        if (threads > 0) torch.set_num_threads(threads);
        using var model = LithologyFiles.ReadModel(args[0], "cpu");
        var net = model.Network;
        net.eval();
        using var scope = NewDisposeScope();
        using var grad = no_grad();
        var input = randn(batch, model.Card.InChannels, size, size, generator: new Generator(18));
        var logits = net.forward(input); // warm-up, and the logits PyTorch is compared with
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < repeat; i++) net.forward(input).Dispose();
        double perPass = watch.Elapsed.TotalSeconds / repeat;
        using (var io = File.Create(args[1]))
            TorchSharp.PyBridge.Safetensors.SaveStateDict(io, new Dictionary<string, Tensor> { ["input"] = input, ["logits"] = logits }, leaveOpen: true);
        Console.WriteLine($"{{\"arch\":\"{model.Card.Arch}\",\"threads\":{torch.get_num_threads()},\"size\":{size},\"batch\":{batch},\"repeat\":{repeat},\"seconds_per_pass\":{perPass.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}}");
        return 0;
    }
}
