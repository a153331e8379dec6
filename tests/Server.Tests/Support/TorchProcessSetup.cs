using System.Runtime.CompilerServices;
using GisBridge.Server.Hosting;

namespace GisBridge.Server.Tests.Support;

/// <summary>Process set-up of the test run, as the server does at its start.</summary>
internal static class TorchProcessSetup
{
#pragma warning disable CA2255 // a test assembly's start is this process's start
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void TurnOffOneDnn() => OneDnnConvolutionGuard.Apply(); // before any test builds a network: see the guard for why
}
