namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>
/// Architecture settings of the segmentation networks, stored in the model card. Defaults are the paper's GGMNet
/// (encoder to 96 channels at 1/8, MRFEM depth 22 with the built-in genotype) sized for a GPU;
/// <see cref="CpuSmall"/> is a reduced configuration that trains on a CPU in minutes.
/// </summary>
public sealed record NetworkConfig
{
    /// <summary>Encoder widths at 1/2, 1/4, 1/8 (paper: 96 at 1/8).</summary>
    public int[] EncoderChannels { get; init; } = [32, 64, 96];
    /// <summary>MRFEM layers per branch (paper: 22); the genotype is truncated when it has more.</summary>
    public int Depth { get; init; } = 22;
    /// <summary>Channels per unit of width expansion (a layer of expansion e has e x WidthUnit channels).</summary>
    public int WidthUnit { get; init; } = 16;
    /// <summary>Channels after each ARM and after the FFM.</summary>
    public int FusionChannels { get; init; } = 128;
    /// <summary>Decoder widths at 1/4 and 1/2.</summary>
    public int[] DecoderChannels { get; init; } = [96, 64];
    /// <summary>MRFEM genotype as JSON (see <see cref="Genotype"/>); null = <see cref="DefaultGenotype"/>.</summary>
    public string? GenotypeJson { get; init; }
    /// <summary>Ablation switches (paper Table 5): all on is GGMNet.</summary>
    public bool UseArm { get; init; } = true;
    public bool UseFfm { get; init; } = true;
    public bool UseDeformable { get; init; } = true;
    public bool UseResidual { get; init; } = true;
    /// <summary>U-Net baseline: width of the first level (doubling per level) and number of poolings.</summary>
    public int UNetBaseChannels { get; init; } = 32;
    public int UNetLevels { get; init; } = 4;
    /// <summary>Probability of dropping a whole feature channel (Dropout2d) before the 1x1 classifier; 0 = no dropout
    /// layer (the paper's GGMNet has none). A model trained with it can sample itself at inference (Monte-Carlo
    /// dropout, Gal and Ghahramani 2016, <see cref="Inference.PredictorOptions.McDropoutSamples"/>).</summary>
    public double Dropout { get; init; }

    /// <summary>A CPU-sized GGMNet / U-Net: depth 4, narrow layers (about 0.3 M parameters).</summary>
    public static NetworkConfig CpuSmall => new()
    {
        EncoderChannels = [16, 32, 48],
        Depth = 4,
        WidthUnit = 6,
        FusionChannels = 48,
        DecoderChannels = [32, 24],
        UNetBaseChannels = 16,
        UNetLevels = 3,
    };

    /// <summary>A tiny configuration for unit tests (depth 2).</summary>
    public static NetworkConfig Tiny => new()
    {
        EncoderChannels = [4, 8, 8],
        Depth = 2,
        WidthUnit = 2,
        FusionChannels = 8,
        DecoderChannels = [8, 4],
        UNetBaseChannels = 4,
        UNetLevels = 2,
    };

    /// <summary>The genotype in use, truncated to <see cref="Depth"/>.</summary>
    public Genotype ResolveGenotype()
    {
        var g = GenotypeJson is null ? DefaultGenotype.Create() : Genotype.Parse(GenotypeJson);
        return Depth < g.Depth ? g.Truncate(Depth) : g;
    }
}
