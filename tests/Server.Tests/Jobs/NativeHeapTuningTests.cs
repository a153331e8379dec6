using System.Runtime.InteropServices;
using GisBridge.Server.Jobs;
using Xunit.Abstractions;

namespace GisBridge.Server.Tests.Jobs;

/// <summary>glibc takes the settings, and memory the tuned heap keeps is still given back by the idle reclaim.</summary>
[Collection(nameof(MemoryReclaimerTests))] // process-wide resident-set figures: not beside other tests
public class NativeHeapTuningTests(ITestOutputHelper output)
{
    [Fact]
    public void TunedHeap_StillGivesLargeBlocksBack_OnReclaim()
    {
        if (!OperatingSystem.IsLinux()) return; // mallopt is glibc's
        Assert.True(NativeHeapTuning.Apply(), "glibc refused the mallopt settings");
        // 4 MB blocks, the size class of libtorch's FFT temporaries: served from the heap once tuned.
        var blocks = new nint[100];
        for (int i = 0; i < blocks.Length; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(4 << 20);
            unsafe { new Span<byte>((void*)blocks[i], 4 << 20).Fill(1); }
        }
        long peak = Environment.WorkingSet;
        foreach (var block in blocks) Marshal.FreeHGlobal(block);
        long freed = Environment.WorkingSet;
        new MemoryReclaimer().Reclaim();
        long reclaimed = Environment.WorkingSet;
        output.WriteLine($"resident: peak {peak >> 20} MB, after free {freed >> 20} MB, after reclaim {reclaimed >> 20} MB");
        // How much a plain free returns depends on the thread's arena (threads other than the main one have their own);
        // after the reclaim it must all be back, whichever arena held it.
        Assert.True(peak - reclaimed > 300L << 20, $"only {(peak - reclaimed) >> 20} MB of ~400 MB came back");
    }
}
