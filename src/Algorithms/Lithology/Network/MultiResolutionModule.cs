using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>
/// Multi-resolution feature extraction module (MRFEM): three branches at 1/8, 1/16 and 1/32 built from a
/// <see cref="Genotype"/>. A coarser branch starts on the output of the first <c>From</c> layers of the finer one,
/// its first layer having stride 2. Layer widths are expansion x <c>widthUnit</c> channels.
/// </summary>
public sealed class MultiResolutionModule : nn.Module<Tensor, Tensor[]>
{
    private readonly ModuleList<MrfemLayer> branch8;
    private readonly ModuleList<MrfemLayer> branch16;
    private readonly ModuleList<MrfemLayer> branch32;
    private readonly int from16;
    private readonly int from32;

    public MultiResolutionModule(Genotype genotype, long inChannels, int widthUnit, bool residual)
        : base(nameof(MultiResolutionModule))
    {
        genotype.Validate();
        if (widthUnit < 1) throw new ArgumentException($"MRFEM width unit must be positive, got {widthUnit}", nameof(widthUnit));
        var b = genotype.Branches;
        from16 = b[1].From;
        from32 = b[2].From;
        branch8 = BuildBranch(b[0], inChannels, widthUnit, residual);
        long in16 = from16 == 0 ? inChannels : b[0].Layers[from16 - 1].Expansion * widthUnit;
        branch16 = BuildBranch(b[1], in16, widthUnit, residual);
        long in32 = from32 == 0 ? in16 : b[1].Layers[from32 - 1].Expansion * widthUnit;
        branch32 = BuildBranch(b[2], in32, widthUnit, residual);
        OutChannels = [ChannelsOut(b[0], widthUnit), ChannelsOut(b[1], widthUnit), ChannelsOut(b[2], widthUnit)];
        RegisterComponents();
    }

    /// <summary>Channels of the 1/8, 1/16 and 1/32 outputs.</summary>
    public long[] OutChannels { get; }

    private static long ChannelsOut(GenotypeBranch br, int unit) => (long)br.Layers[^1].Expansion * unit;

    private static ModuleList<MrfemLayer> BuildBranch(GenotypeBranch br, long inChannels, int unit, bool residual)
    {
        var layers = new List<MrfemLayer>(br.Layers.Count);
        long c = inChannels;
        for (int i = 0; i < br.Layers.Count; i++)
        {
            long stride = br.Scale > 8 && i == 0 ? 2 : 1;
            long outC = (long)br.Layers[i].Expansion * unit;
            layers.Add(new MrfemLayer(br.Layers[i].Op, c, outC, stride, residual));
            c = outC;
        }
        return nn.ModuleList(layers.ToArray());
    }

    /// <summary>Returns the three branch outputs, finest first.</summary>
    public override Tensor[] forward(Tensor x)
    {
        var (out8, start16) = Run(branch8, x, from16);
        var (out16, start32) = Run(branch16, start16!, from32);
        var (out32, _) = Run(branch32, start32!, -1);
        return [out8, out16, out32];
    }

    // Runs a branch; also returns the tensor after `tap` layers (the start of the next coarser branch).
    private static (Tensor Output, Tensor? Tap) Run(ModuleList<MrfemLayer> branch, Tensor x, int tap)
    {
        Tensor? tapped = tap == 0 ? x : null;
        var y = x;
        for (int i = 0; i < branch.Count; i++)
        {
            y = branch[i].forward(y);
            if (i + 1 == tap) tapped = y;
        }
        return (y, tapped);
    }
}
