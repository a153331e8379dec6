using GisBridge.Algorithms.Common;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Lithology.Training;

/// <summary>
/// Weighted bootstrapped cross-entropy (paper 5.1.2; Wu et al. 2016, Bulo et al. 2017): per pixel
/// l_i = -w_class(y_i) * w_instance(i) * log p(i, y_i); pixels are sorted by l_i and only the top K = fraction x N
/// of each image (N = its pixel count, at most its labelled pixels) are averaged and back-propagated (hard example
/// mining). Label 255 is ignored.
/// </summary>
public sealed class BootstrappedCrossEntropy
{
    private readonly float[]? classWeights;

    public BootstrappedCrossEntropy(float[]? classWeights = null, double topKFraction = 0.15, int ignoreIndex = 255)
    {
        if (topKFraction is <= 0 or > 1)
            throw new ArgumentException($"top-K fraction must be in (0, 1], got {topKFraction}", nameof(topKFraction));
        if (classWeights is not null && classWeights.Any(w => !float.IsFinite(w) || w < 0))
            throw new ArgumentException("class weights must be finite and non-negative", nameof(classWeights));
        this.classWeights = classWeights;
        TopKFraction = topKFraction;
        IgnoreIndex = ignoreIndex;
    }

    public double TopKFraction { get; }
    public int IgnoreIndex { get; }

    /// <summary>Weighted per-pixel losses [N, H*W]; ignored pixels are -1 (below any real loss).</summary>
    public Tensor PixelLosses(Tensor logits, Tensor target, Tensor? pixelWeights = null)
    {
        if (logits.dim() != 4 || target.dim() != 3 || logits.shape[0] != target.shape[0]
            || logits.shape[2] != target.shape[1] || logits.shape[3] != target.shape[2])
            throw new ArgumentException($"loss: logits [N,C,H,W] and target [N,H,W] disagree: [{string.Join(",", logits.shape)}] vs [{string.Join(",", target.shape)}]");
        long n = logits.shape[0], c = logits.shape[1];
        if (classWeights is not null && classWeights.Length != c)
            throw new ArgumentException($"loss: {classWeights.Length} class weights for {c} classes");
        var t = target.to_type(ScalarType.Int64);
        var valid = t.NotEqualTo(IgnoreIndex);
        var safe = torch.where(valid, t, torch.zeros_like(t));
        var nll = -nn.functional.log_softmax(logits, 1).gather(1, safe.unsqueeze(1)).squeeze(1);
        if (classWeights is not null)
            nll = nll * torch.tensor(classWeights, device: logits.device).index_select(0, safe.flatten()).view_as(safe);
        if (pixelWeights is not null) nll = nll * pixelWeights.to(logits.device);
        return torch.where(valid, nll, HeldScalars.FullLike(nll, -1)).view(n, -1);
    }

    /// <summary>Mean loss of the top-K hardest labelled pixels of each image.</summary>
    public Tensor Compute(Tensor logits, Tensor target, Tensor? pixelWeights = null)
    {
        var losses = PixelLosses(logits, target, pixelWeights);
        long n = losses.shape[0], pixels = losses.shape[1];
        long k = Math.Max(1, (long)Math.Ceiling(TopKFraction * pixels));
        var validCounts = losses.AtLeastMask(0).sum(1).cpu().data<long>().ToArray();
        Tensor? total = null;
        long selected = 0;
        for (long i = 0; i < n; i++)
        {
            long ki = Math.Min(k, validCounts[i]);
            if (ki == 0) continue;
            var top = losses[i].topk((int)ki).values.sum();
            total = total is null ? top : total.Plus(top);
            selected += ki;
        }
        // No labelled pixel at all: a zero that keeps the graph (backward gives zero gradients).
        return total is null ? logits.Times(0).sum() : total.DividedBy(selected);
    }
}
