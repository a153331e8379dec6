using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Algorithms.Lithology.Network;
using GisBridge.Algorithms.Lithology.Training;
using GisBridge.Server.Lithology;

namespace GisBridge.Bench;

/// <summary>
/// Writes a model folder with seeded random weights (no training) for benchmarks whose figure does not depend on
/// the weights, e.g. memory of streaming inference: GisBridge.Bench ggmnet-random-model DIR [--config tiny|cpu-small]
/// [--channels 1] [--classes 6].
/// </summary>
public static class RandomModel
{
    public static int Run(string[] args)
    {
        if (args.Length < 1 || args[0].StartsWith("--"))
        {
            Console.Error.WriteLine("usage: GisBridge.Bench ggmnet-random-model DIR [--config tiny|cpu-small] [--channels 1] [--classes 6]");
            return 2;
        }
        string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int channels = int.Parse(Get("--channels") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        int classes = int.Parse(Get("--classes") ?? "6", System.Globalization.CultureInfo.InvariantCulture);
        var config = (Get("--config") ?? "cpu-small") switch
        {
            "tiny" => NetworkConfig.Tiny,
            "cpu-small" => NetworkConfig.CpuSmall,
            var other => throw new ArgumentException($"--config: unknown '{other}', use tiny or cpu-small"),
        };
        var card = new ModelCard
        {
            Arch = Ggmnet.ArchName,
            Config = config,
            InChannels = channels,
            Classes = Enumerable.Range(0, classes).Select(i => new LithologyClass(i, $"class {i}", $"#{(37 * i + 40) % 256:x2}{(91 * i + 80) % 256:x2}{(53 * i + 120) % 256:x2}")).ToList(),
            Normalization = new ChannelNormalization(new float[channels], Enumerable.Repeat(1f, channels).ToArray()),
        };
        using var model = LithologyModel.Create(card, seed: 18);
        LithologyFiles.WriteModel(model, args[0]);
        Console.WriteLine($"wrote {args[0]} ({config.Depth} MRFEM layers, {model.Network.ParameterCount()} parameters)");
        return 0;
    }
}
