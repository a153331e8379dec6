using GisBridge.Algorithms.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace GisBridge.Algorithms.Lithology.Network;

/// <summary>
/// torch.nn.BatchNorm2d with TorchSharp's own forward, except that the count of batches seen in training is raised
/// through <see cref="HeldScalars"/>: TorchSharp's <c>num_batches_tracked.add_(1)</c> passes temporary Scalars that a
/// collection on another thread may free while libtorch reads them. Same parameters, buffers and state-dict names.
/// </summary>
public sealed class HeldScalarBatchNorm2d(long features, double eps = 1e-05, double momentum = 0.1)
    : BatchNorm(features, eps, momentum, affine: true, track_running_stats: true, device: null, dtype: null, name: "BatchNorm2d")
{
    public override Tensor forward(Tensor input)
    {
        ValidateInputDimensions(input);
        double factor = momentum ?? 0.0;
        if (training && track_running_stats && num_batches_tracked is not null)
        {
            num_batches_tracked.Increment();
            factor = momentum ?? 1.0 / (double)num_batches_tracked;
        }
        bool batchStatistics = training || (running_mean is null && running_var is null);
        bool useRunning = !training || track_running_stats;
        return F.batch_norm(input, useRunning ? running_mean : null, useRunning ? running_var : null, weight, bias,
            batchStatistics, factor, eps);
    }

    protected override void ValidateInputDimensions(Tensor input)
    {
        if (input.ndim != 4) throw new ArgumentException($"expected 4D input, but got {input.ndim}D input.");
    }
}
