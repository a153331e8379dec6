using System.Diagnostics;
using System.Text.Json;
using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Algorithms.Lithology.Network;
using GisBridge.Algorithms.Lithology.Training;
using GisBridge.Server.Lithology;
using GisBridge.Tests.Support;
using GisBridge.Server.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Server.Tests.Lithology;

/// <summary>A [Fact] skipped, with the reason, when Debian's python3-torch is not installed.</summary>
public sealed class TorchFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            var psi = new ProcessStartInfo("/usr/bin/python3", ["-c", "import torch"]) { RedirectStandardError = true, RedirectStandardOutput = true };
            using var p = Process.Start(psi)!;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    });

    public TorchFactAttribute()
    {
        if (!Available.Value) Skip = "/usr/bin/python3 cannot import torch: install python3-torch to compare with PyTorch";
    }
}

/// <summary>
/// The TorchSharp networks rebuilt in PyTorch by bench/ggmnet_torch.py from model.safetensors alone give the same
/// logits on a fixed input: every parameter and BN statistic is randomised (so no layer is an identity), the
/// deformable offsets are non-zero and fractional (so the bilinear sampling, including outside the image, is
/// exercised), and the size is not a multiple of 8 (so every resize is uneven). PyTorch's deformable convolution is
/// an explicit corner gather, not GisBridge's grid_sample formulation.
/// </summary>
public class PytorchEquivalenceTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static string Script => Path.Combine(RepoPaths.Root, "bench", "ggmnet_torch.py");

    [TorchFact]
    public void GgmnetLogitsEqualPytorchWithinOneTenThousandth() => Compare("ggmnet", "gather");

    [TorchFact]
    public void UNetLogitsEqualPytorchWithinOneTenThousandth() => Compare("unet", "gather");

    private void Compare(string arch, string deform)
    {
        const int channels = 5;
        var card = new ModelCard
        {
            Arch = arch,
            Config = NetworkConfig.CpuSmall,
            InChannels = channels,
            Classes = [new(0, "Granite", "#d04040"), new(1, "Basalt", "#406080"), new(2, "Shale", "#808060"), new(3, "Gneiss", "#a0a0a0")],
            Normalization = new ChannelNormalization(new float[channels], Enumerable.Repeat(1f, channels).ToArray()),
        };
        string dir = Path.Combine(Path.GetTempPath(), $"gb-torch-eq-{Guid.NewGuid():N}");
        try
        {
            using var model = LithologyModel.Create(card, seed: 18);
            using var scope = NewDisposeScope();
            Randomise(model.Network);
            model.Network.eval();
            var input = randn(2, channels, 45, 38, generator: new Generator(7));
            Tensor logits;
            using (no_grad()) logits = model.Network.forward(input);
            LithologyFiles.WriteModel(model, dir);
            using (var io = File.Create(Path.Combine(dir, "io.safetensors")))
                TorchSharp.PyBridge.Safetensors.SaveStateDict(io, new Dictionary<string, Tensor> { ["input"] = input, ["logits"] = logits }, leaveOpen: true);

            var result = RunScript("compare", dir, Path.Combine(dir, "io.safetensors"), "--deform", deform);
            Assert.Equal([2, 4, 45, 38], result.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
            double diff = result.GetProperty("max_abs_diff").GetDouble(), scale = result.GetProperty("max_abs_logit").GetDouble();
            output.WriteLine($"{arch} ({deform}): max |diff| {diff:E3}, max |logit| {scale:F3}");
            Assert.True(scale > 0.1, $"logits too small to compare ({scale})");
            Assert.True(diff < 1e-4, $"{arch}: max |TorchSharp - PyTorch| = {diff:E3} (logits up to {scale:F3})");
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    // Every parameter and buffer drawn at random: convolution kernels with a fan-in scale (logits of order one),
    // BN scales near 1 and variances positive, biases and means small, offset predictors giving offsets from a
    // fraction of a pixel to a few pixels.
    private static void Randomise(SegmentationNetwork net)
    {
        var g = new Generator(3);
        using var _ = no_grad();
        foreach (var (name, t) in net.state_dict())
        {
            if (!t.is_floating_point()) continue;
            bool offset = name.Contains(".offset.", StringComparison.Ordinal);
            Tensor value = t.dim() == 4
                ? randn(t.shape, generator: g) * ((offset ? 0.3 : 1.0) / Math.Sqrt(t.shape[1] * t.shape[2] * t.shape[3]))
                : name.EndsWith("running_var", StringComparison.Ordinal) ? rand(t.shape, generator: g) + 0.5
                : name.EndsWith("weight", StringComparison.Ordinal) ? randn(t.shape, generator: g) * 0.2 + 1
                : randn(t.shape, generator: g) * (offset ? 0.5 : 0.2);
            t.copy_(value);
        }
    }

    private static JsonElement RunScript(params string[] args) =>
        JsonDocument.Parse(ExternalTool.Run(ExternalTool.Python, new[] { Script }.Concat(args))).RootElement.Clone();
}
