using GisBridge.Algorithms.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>
/// 3x3 deformable convolution (Dai et al. 2017, DCNv1), stride 1, padding 1, built on grid_sample because
/// TorchSharp has no deform_conv2d: a 3x3 convolution (initialised to zero, so the layer starts as a plain conv)
/// predicts (dy, dx) for each of the 9 taps at every pixel; the input is bilinearly sampled at p + tap + offset
/// (zeros outside, like zero padding), the 9 samples are stacked per input channel and a 1x1 convolution whose
/// weights are the 3x3 kernel reshaped to [out, in*9] computes the output. With zero offsets it equals a plain
/// 3x3 convolution with the same <see cref="Weight"/>.
/// </summary>
public sealed class DeformableConv2d : nn.Module<Tensor, Tensor>
{
    private const int Taps = 9;
    private readonly Parameter weight;
    private readonly Parameter? bias;
    private readonly Conv2d offset;
    private readonly long inChannels;
    private readonly long outChannels;

    public DeformableConv2d(long inChannels, long outChannels, bool bias = true) : base(nameof(DeformableConv2d))
    {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        weight = nn.Parameter(torch.empty(outChannels, inChannels, 3, 3));
        nn.init.kaiming_uniform_(weight, Math.Sqrt(5));
        if (bias)
        {
            double bound = 1.0 / Math.Sqrt(inChannels * Taps);
            this.bias = nn.Parameter(torch.empty(outChannels).uniform_(-bound, bound));
        }
        offset = nn.Conv2d(inChannels, 2 * Taps, 3, padding: 1);
        using (torch.no_grad())
        {
            offset.weight!.zero_();
            offset.bias!.zero_();
        }
        RegisterComponents();
    }

    /// <summary>The 3x3 kernel, [out, in, 3, 3].</summary>
    public Parameter Weight => weight;
    public Parameter? Bias => bias;
    /// <summary>The offset predictor (18 channels: dy, dx for taps in row-major order).</summary>
    public Conv2d OffsetConv => offset;

    public override Tensor forward(Tensor x)
    {
        if (x.shape[1] != inChannels)
            throw new ArgumentException($"deformable conv expects {inChannels} input channels, got {x.shape[1]}");
        long n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        var off = offset.forward(x).view(n, Taps, 2, h, w);
        var dy = off.select(2, 0);
        var dx = off.select(2, 1);
        var opts = (dtype: x.dtype, device: x.device);
        // Tap k = 3i + j sits at (i - 1, j - 1); built on the device (no managed array behind the tensor).
        var taps = HeldScalars.Range(Taps, ScalarType.Int64, opts.device);
        var tapY = taps.FloorDividedBy(3).Minus(1).to_type(opts.dtype).view(1, Taps, 1, 1);
        var tapX = taps.Remainder(3).Minus(1).to_type(opts.dtype).view(1, Taps, 1, 1);
        var rows = HeldScalars.Range(h, opts.dtype, opts.device).view(1, 1, h, 1);
        var cols = HeldScalars.Range(w, opts.dtype, opts.device).view(1, 1, 1, w);
        var py = rows.Plus(tapY).Plus(dy);
        var px = cols.Plus(tapX).Plus(dx);
        // grid_sample coordinates with align_corners = false: pixel centre i maps to (2i + 1) / size - 1.
        var gx = px.Times(2).Plus(1).DividedBy(w).Minus(1);
        var gy = py.Times(2).Plus(1).DividedBy(h).Minus(1);
        var grid = torch.stack([gx, gy], -1).view(n, Taps * h, w, 2);
        var sampled = nn.functional.grid_sample(x, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Zeros, align_corners: false);
        var stacked = sampled.view(n, c, Taps, h, w).reshape(n, c * Taps, h, w);
        return nn.functional.conv2d(stacked, weight.reshape(outChannels, inChannels * Taps, 1, 1), bias);
    }
}
