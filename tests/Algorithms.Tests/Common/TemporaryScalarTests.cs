using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Tests.Support;

namespace GisBridge.Algorithms.Tests.Common;

/// <summary>
/// TorchSharp 0.107 turns a number passed where it takes a Scalar (and the alpha of tensor + tensor, inside its own
/// add overloads) into a temporary Scalar that nothing keeps alive during the native call: a garbage collection
/// started by another thread can run the Scalar's finalizer and free it while libtorch reads it (training on
/// Rondônia died twice with "Expected false to be true" in c10::Scalar::toFloat). This test reads the IL of
/// GisBridge.Algorithms and of TorchSharp and fails on any call that makes such a temporary.
/// </summary>
public class TemporaryScalarTests(ITestOutputHelper output)
{
    private static bool MakesScalar(string name) =>
        name.StartsWith("TorchSharp.Scalar::op_Implicit(", StringComparison.Ordinal) ||
        name.StartsWith("TorchSharp.ScalarExtensionMethods::ToScalar(", StringComparison.Ordinal);

    [Fact]
    public void NoAlgorithmPassesTorchSharpATemporaryScalar()
    {
        var torchSharp = IlCallGraph.Read(typeof(TorchSharp.torch).Assembly.Location);
        var ours = IlCallGraph.Read(typeof(TorchRuntime).Assembly.Location);
        // TorchSharp's own methods that make a Scalar somewhere below them (e.g. Tensor.add(Tensor) -> add(target, 1)).
        var makers = torchSharp.Reaching(MakesScalar);
        output.WriteLine($"{makers.Count} TorchSharp methods make a temporary Scalar");
        Assert.Contains(makers, m => m.StartsWith("TorchSharp.torch/Tensor::op_Addition(TorchSharp.torch/Tensor,TorchSharp.torch/Tensor)", StringComparison.Ordinal));
        var offending = ours.Calls
            .Where(c => !c.Key.StartsWith(typeof(HeldScalars).FullName!.Replace('+', '/') + "::", StringComparison.Ordinal))
            .SelectMany(c => c.Value.Where(callee => MakesScalar(callee) || makers.Contains(callee)).Select(callee => $"{c.Key} -> {callee}"))
            .Distinct().Order().ToList();
        foreach (var line in offending) output.WriteLine(line);
        Assert.Empty(offending);
    }

    /// <summary>A module's forward and an optimiser's step are called through virtual methods, which the IL does not
    /// resolve; so no algorithm may create a TorchSharp module or optimiser whose forward or step makes a temporary
    /// Scalar (BatchNorm's num_batches_tracked.add_(1), every optimiser's step), by a factory or by newobj; a class
    /// deriving from one (its constructor calls the base constructor with call, not newobj) overrides it.</summary>
    [Fact]
    public void NoAlgorithmCreatesATorchSharpModuleOrOptimiserThatMakesTemporaryScalars()
    {
        var makers = IlCallGraph.Read(typeof(TorchSharp.torch).Assembly.Location).Reaching(MakesScalar);
        var types = makers.Select(m => System.Text.RegularExpressions.Regex.Match(m, @"^TorchSharp\.Modules\.(\w+)::(forward|step)\("))
            .Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Contains("BatchNorm", types);
        Assert.Contains("Adam", types);
        bool Factory(string callee) => types.Any(t =>
            callee.StartsWith($"TorchSharp.torch/nn::{t}", StringComparison.Ordinal) ||
            callee.StartsWith($"TorchSharp.torch/optim::{t}(", StringComparison.Ordinal));
        bool Constructor(string callee) => types.Any(t => callee.StartsWith($"TorchSharp.Modules.{t}::.ctor(", StringComparison.Ordinal));
        var ours = IlCallGraph.Read(typeof(TorchRuntime).Assembly.Location);
        var offending = ours.Calls.SelectMany(c => c.Value.Where(Factory).Select(callee => $"{c.Key} -> {callee}"))
            .Concat(ours.Creates.SelectMany(c => c.Value.Where(Constructor).Select(callee => $"{c.Key} -> new {callee}")))
            .Distinct().Order().ToList();
        foreach (var line in offending) output.WriteLine(line);
        Assert.Empty(offending);
    }
}
