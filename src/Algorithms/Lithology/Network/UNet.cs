using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>
/// U-Net baseline (Ronneberger et al. 2015; the paper's ablation baseline is U-shaped): per level two 3x3
/// conv+BN+ReLU, 2x2 max pooling down, bilinear upsampling + concatenation with the skip + two conv+BN+ReLU up,
/// 1x1 classifier. Widths double per level from <see cref="NetworkConfig.UNetBaseChannels"/>. Upsampling goes to
/// the skip's size, so any input size works.
/// </summary>
public sealed class UNet : SegmentationNetwork
{
    public const string ArchName = "unet";

    private readonly ModuleList<nn.Module<Tensor, Tensor>> down;
    private readonly nn.Module<Tensor, Tensor> bottom;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> up;
    private readonly Conv2d classifier;
    private readonly Dropout2d? dropout;

    public UNet(int inChannels, int numClasses, NetworkConfig config) : base(ArchName, inChannels, numClasses, config)
    {
        int levels = config.UNetLevels, b = config.UNetBaseChannels;
        if (levels is < 1 or > 6) throw new ArgumentException($"U-Net levels must be 1..6, got {levels}");
        if (b < 1) throw new ArgumentException($"U-Net base channels must be positive, got {b}");
        var downs = new List<nn.Module<Tensor, Tensor>>();
        long c = inChannels;
        for (int l = 0; l < levels; l++)
        {
            downs.Add(DoubleConv(c, (long)b << l));
            c = (long)b << l;
        }
        down = nn.ModuleList(downs.ToArray());
        bottom = DoubleConv(c, (long)b << levels);
        var ups = new List<nn.Module<Tensor, Tensor>>();
        long below = (long)b << levels;
        for (int l = levels - 1; l >= 0; l--)
        {
            ups.Add(DoubleConv(below + ((long)b << l), (long)b << l));
            below = (long)b << l;
        }
        up = nn.ModuleList(ups.ToArray());
        classifier = nn.Conv2d(b, numClasses, 1);
        dropout = ClassifierDropout.Create(config.Dropout);
        RegisterComponents();
    }

    private static nn.Module<Tensor, Tensor> DoubleConv(long inC, long outC) =>
        nn.Sequential(new ConvBnRelu(inC, outC, 3), new ConvBnRelu(outC, outC, 3));

    protected override Tensor Logits(Tensor x)
    {
        var skips = new List<Tensor>();
        var y = x;
        foreach (var block in down)
        {
            y = block.forward(y);
            skips.Add(y);
            y = nn.functional.max_pool2d(y, 2, 2, ceil_mode: true);
        }
        y = bottom.forward(y);
        for (int i = 0; i < up.Count; i++)
        {
            var skip = skips[^(i + 1)];
            y = up[i].forward(torch.cat([GgmnetDecoder.Resize(y, skip), skip], 1));
        }
        return classifier.forward(dropout is null ? y : dropout.forward(y));
    }
}
