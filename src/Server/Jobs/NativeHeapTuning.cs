using System.Runtime.InteropServices;

namespace GisBridge.Server.Jobs;

/// <summary>
/// Keeps glibc's malloc from handing large freed blocks back to the kernel at once. By default a block above the
/// (dynamic) mmap threshold is mapped fresh and unmapped on free, and the heap top is trimmed above 128 KB-32 MB,
/// so the 16-32 MB temporaries that libtorch's blocked FFTs and GDAL's tile writer allocate block after block are
/// page-faulted and zeroed anew every time; on virtual machines a first touch is expensive (upward continuation of
/// a 10800x5400 grid, alternating runs: 10.7 s -> 8.5-9.3 s wall, about 1 s less system time). Blocks up to 32 MB (glibc's ceiling
/// on 64-bit) are then reused from the heap; <see cref="MemoryReclaimer"/> still gives idle memory back
/// (malloc_trim ignores the trim threshold).
/// </summary>
public static partial class NativeHeapTuning
{
    private const int TrimThreshold = -1, MmapThreshold = -3; // M_TRIM_THRESHOLD, M_MMAP_THRESHOLD (malloc.h)

    /// <summary>Largest block served from the heap instead of its own mapping (glibc's maximum on 64-bit).</summary>
    public const int MmapThresholdBytes = 32 << 20;

    /// <summary>Heap top kept on free (malloc_trim and <see cref="MemoryReclaimer"/> still release it).</summary>
    public const int TrimThresholdBytes = int.MaxValue;

    /// <summary>Applies the settings on glibc; false elsewhere (Windows, musl) or when glibc refuses them.</summary>
    public static bool Apply()
    {
        if (!OperatingSystem.IsLinux())
            return false;
        try
        {
            return mallopt(MmapThreshold, MmapThresholdBytes) == 1 && mallopt(TrimThreshold, TrimThresholdBytes) == 1;
        }
        catch (EntryPointNotFoundException) { return false; } // not glibc
        catch (DllNotFoundException) { return false; }
    }

    [LibraryImport("libc")]
    private static partial int mallopt(int parameter, int value);
}
