using System.Runtime.InteropServices;
using TorchSharp;

namespace GisBridge.Server.Hosting;

/// <summary>
/// Turns off libtorch's oneDNN (MKL-DNN) backend for the process, as <c>torch.backends.mkldnn.enabled = False</c> does
/// in PyTorch. Why: the oneDNN 3.7.1 JIT convolutions shipped in libtorch-cpu 2.10 (AVX-512 and AVX2 paths) work on
/// channel-blocked copies (blocks of 16 or 8 channels) whose padding channels are not always initialised, so a
/// convolution whose channel counts are not multiples of the block reads whatever a freed buffer held: the forward
/// output or the weight gradient turns NaN at random (about one step in three for the tiny U-Net), and once a NaN
/// sits in a recycled buffer it keeps coming back. libtorch's native convolution has no such buffers and gives
/// bit-identical results. TorchSharp has no binding for the switch, so the exported C++ setter is called directly.
/// NNPACK is turned off too: with oneDNN off, libtorch tries it for batches of 16 or more, and where the CPU is not
/// supported (this AVX-512 EPYC) it logs "Could not initialize NNPACK" on every such convolution before falling back.
/// Process-wide native state, so it is set where the process starts (the server, the network verbs, the test
/// projects' set-up), not inside the algorithms.
/// </summary>
public static class OneDnnConvolutionGuard
{
    private static readonly Lock Gate = new();
    private static bool applied;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContextFn();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetEnabledFn(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    [return: MarshalAs(UnmanagedType.U1)]
    private delegate bool GetEnabledFn(IntPtr context);

    /// <summary>True once oneDNN is off (checked by reading the flag back).</summary>
    public static bool IsApplied => applied;

    /// <summary>Disables oneDNN and NNPACK once per process; idempotent and thread-safe. Throws when libtorch lacks the switch.</summary>
    public static void Apply()
    {
        lock (Gate)
        {
            if (applied) return;
            torch.InitializeDeviceType(DeviceType.CPU); // loads libtorch_cpu if TorchSharp has not yet
            var lib = NativeLibrary.Load("libtorch_cpu.so", typeof(torch).Assembly, DllImportSearchPath.SafeDirectories);
            var context = Marshal.GetDelegateForFunctionPointer<GlobalContextFn>(
                NativeLibrary.GetExport(lib, "_ZN2at13globalContextEv"))();
            Marshal.GetDelegateForFunctionPointer<SetEnabledFn>(
                NativeLibrary.GetExport(lib, "_ZN2at7Context20setUserEnabledMkldnnEb"))(context, false);
            bool stillOn = Marshal.GetDelegateForFunctionPointer<GetEnabledFn>(
                NativeLibrary.GetExport(lib, "_ZNK2at7Context17userEnabledMkldnnEv"))(context);
            Marshal.GetDelegateForFunctionPointer<SetEnabledFn>(
                NativeLibrary.GetExport(lib, "_ZN2at7Context20setUserEnabledNNPACKEb"))(context, false);
            if (stillOn) throw new InvalidOperationException("libtorch kept oneDNN enabled; convolutions may read uninitialised memory");
            applied = true;
        }
    }
}
