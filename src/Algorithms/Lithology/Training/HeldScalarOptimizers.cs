using GisBridge.Algorithms.Common;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GisBridge.Algorithms.Lithology.Training;

/// <summary>
/// TorchSharp's Adam with its own step, line for line, except that every number reaches libtorch through
/// <see cref="HeldScalars"/>: TorchSharp's step passes temporary Scalars (<c>mul_(beta1)</c>, <c>alpha: 1 - beta1</c>,
/// ...) that a collection on another thread may free while libtorch reads them. Same state, so checkpoints load.
/// </summary>
public sealed class HeldScalarAdam(IEnumerable<Parameter> parameters, double lr) : Adam(parameters, lr)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, weightDecay = options.weight_decay!.Value;
        double eps = options.eps!.Value, lr = options.LearningRate!.Value;
        bool amsgrad = options.amsgrad!.Value, maximize = options.maximize!.Value;
        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null) continue;
            if (maximize) grad = -grad;
            state.step += 1;
            double biasCorrection1 = 1 - Math.Pow(beta1, state.step);
            double biasCorrection2 = 1 - Math.Pow(beta2, state.step);
            if (weightDecay != 0) grad = grad.PlusScaled(param, weightDecay);
            state.exp_avg.TimesInPlace(beta1).PlusScaledInPlace(grad, 1 - beta1);
            state.exp_avg_sq.TimesInPlace(beta2).PlusProductInPlace(grad, grad.conj(), 1 - beta2);
            Tensor denominator;
            if (amsgrad)
            {
                var previous = state.max_exp_avg_sq;
                state.max_exp_avg_sq = torch.maximum(previous, state.exp_avg_sq).DetachFromDisposeScope();
                previous.Dispose();
                denominator = state.max_exp_avg_sq.sqrt().DividedBy(Math.Sqrt(biasCorrection2)).PlusInPlace(eps);
            }
            else denominator = state.exp_avg_sq.sqrt().DividedBy(Math.Sqrt(biasCorrection2)).PlusInPlace(eps);
            param.PlusQuotientInPlace(state.exp_avg, denominator, -lr / biasCorrection1);
        }
    }, closure);
}

/// <summary>TorchSharp's SGD (momentum, dampening, weight decay, Nesterov) with its own step, line for line, except
/// that every number reaches libtorch through <see cref="HeldScalars"/> (see <see cref="HeldScalarAdam"/>).</summary>
public sealed class HeldScalarSgd(IEnumerable<Parameter> parameters, double lr, double momentum, double weightDecay)
    : SGD(parameters, lr, momentum, weight_decay: weightDecay)
{
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = group.Options;
        double momentum = options.momentum!.Value, dampening = options.dampening!.Value, weightDecay = options.weight_decay!.Value;
        double lr = options.LearningRate!.Value;
        bool nesterov = options.nesterov!.Value, maximize = options.maximize!.Value;
        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null) continue;
            if (weightDecay != 0) grad = grad.PlusScaled(param, weightDecay);
            if (momentum != 0)
            {
                var buffer = state.momentum_buffer;
                if (buffer is null)
                {
                    buffer = grad.clone().detach().DetachFromDisposeScope();
                    state.momentum_buffer = buffer;
                }
                else buffer.TimesInPlace(momentum).PlusScaledInPlace(grad, 1 - dampening);
                grad = nesterov ? grad.PlusScaled(buffer, momentum) : buffer;
                state.momentum_buffer = buffer;
            }
            param.PlusScaledInPlace(grad, maximize ? lr : -lr);
        }
    }, closure);
}
