using System.Buffers;
using System.IO.Compression;
using System.Runtime.InteropServices;
using GisBridge.Algorithms.Common;
using Microsoft.Win32.SafeHandles;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// Reads a chunked float32 netCDF-4 variable (an HDF5 dataset) whose filters are shuffle and/or deflate, as GMT
/// writes its grids, on all cores: HDF5 says where each chunk lies in the file (metadata calls, made under the
/// caller's netCDF gate), then the chunks are read from the file, inflated, unshuffled and placed in parallel.
/// Through netCDF one thread inflates chunk after chunk (a 10800 x 5400 GMT grid: ~0.8 s, mostly zlib).
/// Returns the values in stored row order, or null whenever the file is anything else (not HDF5, other filters,
/// types or layouts, unallocated chunks, a chunk that does not inflate to its size): the caller then reads it
/// through netCDF, which also reports what is wrong with a damaged file.
/// </summary>
internal static unsafe class NetCdfChunkReader
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    internal readonly record struct Chunk(int Row, int Column, long Address, int Bytes, uint SkippedFilters);

    internal sealed record Layout(int ChunkRows, int ChunkColumns, int[] Filters, Chunk[] Chunks);

    /// <summary>The variable as stored, or null to let netCDF read it. Call with the netCDF gate held.</summary>
    public static float[]? TryRead(string path, string variable, int width, int height)
    {
        if (!BitConverter.IsLittleEndian || Hdf5Native.Library is not { } api || !IsHdf5(path))
            return null;
        var layout = Describe(api, path, variable, width, height);
        if (layout is null)
            return null;
        var result = LargeArrays.Floats((long)width * height);
        _ = LargeArrays.PopulateInBackground(result); // page faults on another core while chunks are placed
        using var file = File.OpenHandle(path);
        return ReadChunks(file, layout, result, width, height) ? result : null;
    }

    private static bool IsHdf5(string path)
    {
        Span<byte> head = stackalloc byte[8];
        using var file = File.OpenHandle(path);
        return RandomAccess.Read(file, head, 0) == 8 && head.SequenceEqual(Signature);
    }

    /// <summary>Chunk size, filters and where each chunk lies, or null when the dataset cannot be read here.</summary>
    internal static Layout? Describe(Hdf5Native.Api api, string path, string variable, int width, int height)
    {
        long fileId, dataset = -1, type = -1, space = -1, plist = -1;
        fixed (byte* p = GdalNative.Utf8Z(path))
            fileId = api.FOpen(p, Hdf5Native.AccReadOnly, Hdf5Native.Default);
        if (fileId < 0)
            return null;
        try
        {
            fixed (byte* v = GdalNative.Utf8Z(variable))
                dataset = api.DOpen(fileId, v, Hdf5Native.Default);
            if (dataset < 0 || (type = api.DGetType(dataset)) < 0 || (space = api.DGetSpace(dataset)) < 0
                || (plist = api.DGetCreatePlist(dataset)) < 0)
                return null;
            if (api.TGetClass(type) != Hdf5Native.ClassFloat || api.TGetSize(type) != 4 || api.TGetOrder(type) != Hdf5Native.OrderLittleEndian)
                return null;
            ulong* dims = stackalloc ulong[2];
            ulong* chunk = stackalloc ulong[2];
            if (api.SGetNDims(space) != 2 || api.SGetDims(space, dims, null) != 2 || dims[0] != (ulong)height || dims[1] != (ulong)width)
                return null;
            if (api.PGetLayout(plist) != Hdf5Native.LayoutChunked || api.PGetChunk(plist, 2, chunk) != 2
                || chunk[0] == 0 || chunk[1] == 0 || chunk[0] * chunk[1] > 16u << 20)
                return null;
            if (Filters(api, plist) is not { } filters)
                return null;
            int rows = (int)chunk[0], cols = (int)chunk[1];
            var chunks = new List<Chunk>((height + rows - 1) / rows * ((width + cols - 1) / cols));
            ulong* offset = stackalloc ulong[2];
            for (int r0 = 0; r0 < height; r0 += rows)
            {
                for (int c0 = 0; c0 < width; c0 += cols)
                {
                    offset[0] = (ulong)r0;
                    offset[1] = (ulong)c0;
                    uint skipped;
                    ulong address, size;
                    if (api.DGetChunkInfoByCoord(dataset, offset, &skipped, &address, &size) < 0
                        || address == Hdf5Native.UndefinedAddress || size == 0 || size > int.MaxValue || address > long.MaxValue)
                        return null; // unallocated chunks hold the fill value: netCDF knows it
                    chunks.Add(new Chunk(r0, c0, (long)address, (int)size, skipped));
                }
            }
            return new Layout(rows, cols, filters, [.. chunks]);
        }
        finally
        {
            if (plist >= 0) api.PClose(plist);
            if (space >= 0) api.SClose(space);
            if (type >= 0) api.TClose(type);
            if (dataset >= 0) api.DClose(dataset);
            api.FClose(fileId);
        }
    }

    /// <summary>The filter pipeline in write order, or null when a filter is neither shuffle (of 4-byte values)
    /// nor deflate.</summary>
    private static int[]? Filters(Hdf5Native.Api api, long plist)
    {
        int n = api.PGetNFilters(plist);
        if (n < 0)
            return null;
        var filters = new int[n];
        uint* values = stackalloc uint[8];
        for (int i = 0; i < n; i++)
        {
            uint flags, config;
            nuint count = 8;
            int id = api.PGetFilter(plist, (uint)i, &flags, &count, values, 0, null, &config);
            bool known = id == Hdf5Native.FilterDeflate || (id == Hdf5Native.FilterShuffle && count >= 1 && values[0] == 4);
            if (!known)
                return null;
            filters[i] = id;
        }
        return filters;
    }

    private static bool ReadChunks(SafeFileHandle file, Layout l, float[] result, int width, int height)
    {
        int chunkBytes = l.ChunkRows * l.ChunkColumns * sizeof(float);
        int failed = 0;
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, l.Chunks.Length, Math.Max(1, l.Chunks.Length / 64)),
            range =>
            {
                var a = ArrayPool<byte>.Shared.Rent(chunkBytes);
                var b = ArrayPool<byte>.Shared.Rent(chunkBytes);
                try
                {
                    for (int i = range.Item1; i < range.Item2 && Volatile.Read(ref failed) == 0; i++)
                    {
                        var chunk = l.Chunks[i];
                        var values = Decode(file, chunk, l.Filters, chunkBytes, a, b);
                        if (values.IsEmpty) { Interlocked.Exchange(ref failed, 1); return; }
                        Place(MemoryMarshal.Cast<byte, float>(values), chunk, l, result, width, height);
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(a);
                    ArrayPool<byte>.Shared.Return(b);
                }
            });
        return failed == 0;
    }

    /// <summary>A chunk's raw values (chunkBytes long, in one of the two buffers), or empty when it does not decode.</summary>
    private static Span<byte> Decode(SafeFileHandle file, Chunk chunk, int[] filters, int chunkBytes, byte[] a, byte[] b)
    {
        var stored = chunk.Bytes <= a.Length ? a : new byte[chunk.Bytes];
        int read = 0;
        while (read < chunk.Bytes)
        {
            int n = RandomAccess.Read(file, stored.AsSpan(read, chunk.Bytes - read), chunk.Address + read);
            if (n <= 0) return [];
            read += n;
        }
        byte[] current = stored, spare = stored == a ? b : a;
        int length = chunk.Bytes;
        for (int f = filters.Length - 1; f >= 0; f--) // read back in reverse write order
        {
            if ((chunk.SkippedFilters & (1u << f)) != 0) continue;
            if (filters[f] == Hdf5Native.FilterDeflate)
            {
                using var zlib = new ZLibStream(new MemoryStream(current, 0, length, writable: false), CompressionMode.Decompress);
                try
                {
                    zlib.ReadExactly(spare, 0, chunkBytes);
                }
                catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
                {
                    return [];
                }
            }
            else
            {
                if (length != chunkBytes) return [];
                Unshuffle(current.AsSpan(0, chunkBytes), spare.AsSpan(0, chunkBytes));
            }
            (current, spare) = (spare, current);
            length = chunkBytes;
        }
        return length == chunkBytes ? current.AsSpan(0, chunkBytes) : [];
    }

    /// <summary>HDF5's shuffle stores byte k of every value together: gather them back per value.</summary>
    private static void Unshuffle(ReadOnlySpan<byte> shuffled, Span<byte> values)
    {
        int count = values.Length / 4;
        for (int k = 0; k < 4; k++)
        {
            var plane = shuffled.Slice(k * count, count);
            for (int e = 0; e < count; e++) values[e * 4 + k] = plane[e];
        }
    }

    /// <summary>Copies the part of a chunk inside the grid (edge chunks are stored whole) to its place.</summary>
    private static void Place(ReadOnlySpan<float> values, Chunk chunk, Layout l, float[] result, int width, int height)
    {
        int rows = Math.Min(l.ChunkRows, height - chunk.Row), cols = Math.Min(l.ChunkColumns, width - chunk.Column);
        for (int r = 0; r < rows; r++)
            values.Slice(r * l.ChunkColumns, cols).CopyTo(result.AsSpan((chunk.Row + r) * width + chunk.Column, cols));
    }
}
