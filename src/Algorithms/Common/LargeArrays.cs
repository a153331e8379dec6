using System.Runtime.InteropServices;
using TorchSharp;

namespace GisBridge.Algorithms.Common;

/// <summary>
/// Grid-sized buffers backed by transparent huge pages where Linux allows them (THP mode "madvise", the Debian
/// default). Why: the first touch of fresh memory costs one page fault per 4 KB page; on the 2-core build VM a
/// 233 MB grid took 1.28 s to touch with 4 KB pages and 0.13 s with 2 MB pages, and a 10800 x 5400 continuation
/// touches about 1.2 GB of new memory. The advice is a hint: where it is refused or unsupported nothing changes.
/// </summary>
public static unsafe partial class LargeArrays
{
    private const long MinimumBytes = 8L << 20;   // below this, page faults do not matter
    private const int MadvHugePage = 14, MadvPopulateWrite = 23;
    private const long PopulateStep = 16L << 20;
    private const long HugePage = 2L << 20;

    /// <summary>A float array whose contents are undefined (callers write every cell), advised for huge pages.</summary>
    public static float[] Floats(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        // Pinned (POH): the array never moves, so the advised range stays the array's.
        var array = GC.AllocateUninitializedArray<float>(checked((int)length), pinned: true);
        fixed (float* p = array)
            Advise(p, length * sizeof(float));
        return array;
    }

    /// <summary>A zero-filled float array advised for huge pages (zeroed after the advice, so on huge pages).</summary>
    public static float[] Zeroed(long length)
    {
        var array = Floats(length);
        Array.Clear(array);
        return array;
    }

    /// <summary>Advises an untouched tensor's storage (e.g. fresh from torch.empty) for huge pages.</summary>
    public static void Advise(torch.Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.device_type != DeviceType.CPU || !tensor.is_contiguous())
            return;
        var bytes = tensor.bytes; // a view of the storage: nothing is touched
        fixed (byte* p = bytes)
            Advise(p, bytes.Length);
    }

    /// <summary>madvise(MADV_HUGEPAGE) on the 2 MB-aligned part of [start, start + bytes); Linux only, errors ignored.</summary>
    public static void Advise(void* start, long bytes)
    {
        if (!OperatingSystem.IsLinux() || bytes < MinimumBytes)
            return;
        long first = ((long)start + HugePage - 1) & ~(HugePage - 1);
        long end = ((long)start + bytes) & ~(HugePage - 1);
        if (end <= first)
            return;
        try
        {
            _ = madvise((nint)first, (nuint)(end - first), MadvHugePage);
        }
        catch (DllNotFoundException) { }
        catch (EntryPointNotFoundException) { }
    }

    /// <summary>
    /// Faults the pages of a large array in on a background thread, front to back, while the caller fills it
    /// (madvise MADV_POPULATE_WRITE, Linux 5.14+: the kernel maps the pages as a first write would, without writing,
    /// so a page the caller has already filled is left as it is). On virtual machines the first touch of memory is
    /// slow (0.5-0.6 s for 233 MB on the 2-core build VM, 0.02 s when the host already backs the pages); a
    /// single-threaded producer (a netCDF read, the FFT's row pass) then runs with the faults taken off its core.
    /// The returned task never faults; where the advice is unsupported it ends at once.
    /// </summary>
    public static Task PopulateInBackground(float[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (!OperatingSystem.IsLinux() || (long)array.Length * sizeof(float) < MinimumBytes)
            return Task.CompletedTask;
        return Task.Run(() =>
        {
            // Pinned arrays (Floats) do not move; the closure keeps the array alive until the task ends.
            fixed (float* p = array)
                Populate(p, (long)array.Length * sizeof(float));
        });
    }

    private static void Populate(void* start, long bytes)
    {
        // The advice needs a page-aligned start (a partly used first page is populated as a whole: no content changes).
        long first = (long)start & ~4095L, end = (long)start + bytes;
        try
        {
            for (long at = first; at < end; at += PopulateStep)
                if (madvise((nint)at, (nuint)Math.Min(PopulateStep, end - at), MadvPopulateWrite) != 0)
                    return; // unsupported (EINVAL before Linux 5.14) or the memory is gone
        }
        catch (DllNotFoundException) { }
        catch (EntryPointNotFoundException) { }
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int madvise(nint address, nuint length, int advice);
}
