using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>
/// Zoomed convolution (Chen et al. 2019, FasterSeg): bilinear downsampling by 2, one or two 3x3 conv+BN(+ReLU),
/// bilinear upsampling back to the output size (input size / stride). Cheaper than a plain convolution with a
/// receptive field twice as large.
/// </summary>
public sealed class ZoomedConv : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> body;
    private readonly long stride;

    /// <param name="layers">1 (zoomed conv) or 2 (zoomed 2-layer conv).</param>
    /// <param name="lastRelu">False when a residual sum follows and applies the ReLU.</param>
    public ZoomedConv(long inChannels, long outChannels, long stride, int layers, bool lastRelu)
        : base(nameof(ZoomedConv))
    {
        if (layers is < 1 or > 2) throw new ArgumentException($"zoomed conv layers must be 1 or 2, got {layers}", nameof(layers));
        this.stride = stride;
        body = layers == 1
            ? new ConvBnRelu(inChannels, outChannels, 3, 1, lastRelu)
            : nn.Sequential(new ConvBnRelu(inChannels, outChannels, 3, 1, true), new ConvBnRelu(outChannels, outChannels, 3, 1, lastRelu));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        long h = x.shape[2], w = x.shape[3];
        long outH = (h + stride - 1) / stride, outW = (w + stride - 1) / stride;
        var small = nn.functional.interpolate(x, [Math.Max(1, (outH + 1) / 2), Math.Max(1, (outW + 1) / 2)],
            mode: InterpolationMode.Bilinear, align_corners: false);
        var y = body.forward(small);
        return nn.functional.interpolate(y, [outH, outW], mode: InterpolationMode.Bilinear, align_corners: false);
    }
}
