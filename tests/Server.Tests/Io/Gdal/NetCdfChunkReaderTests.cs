using System.Runtime.InteropServices;
using GisBridge.Server.Io.Gdal;
using Xunit.Abstractions;

namespace GisBridge.Server.Tests.Io.Gdal;

/// <summary>The parallel chunk read of netCDF-4 grids gives exactly what libnetcdf gives, or steps aside.</summary>
public sealed unsafe partial class NetCdfChunkReaderTests(ITestOutputHelper output) : IDisposable
{
    private const int W = 37, H = 23;
    private readonly GdalTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static float[] Values() => Enumerable.Range(0, W * H).Select(i => MathF.Sin(i * 0.37f) * 100 + i).ToArray();

    [Theory]
    [InlineData(true, true)]   // GMT's pipeline
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)] // chunked, no filter
    public void EdgeChunks_AnyShuffleDeflatePipeline_EqualsNetCdf(bool shuffle, bool deflate)
    {
        string path = _files.PathOf($"chunks_{shuffle}_{deflate}.nc");
        NetCdf4.Write(path, Values(), chunkRows: 10, chunkColumns: 8, shuffle, deflate); // 3 x 5 chunks, partial at the edges
        float[]? parallel;
        lock (NetCdfDirectReader.Gate)
            parallel = NetCdfChunkReader.TryRead(path, "z", W, H);
        Assert.NotNull(parallel);
        Assert.Equal(Values(), parallel);
        Assert.Equal(NetCdfDirectReader.ReadThroughNetCdf(path, "z", W, H), parallel);
    }

    [Fact]
    public void GmtSample_IsReadInParallel_AsNetCdfReadsIt()
    {
        string path = GdalTestFiles.Sample("gravity/grav.V18.par.surf.1km.sq.nc");
        lock (NetCdfDirectReader.Gate)
        {
            var parallel = NetCdfChunkReader.TryRead(path, "z", 160, 160);
            Assert.NotNull(parallel);
            Assert.Equal(NetCdfDirectReader.ReadThroughNetCdf(path, "z", 160, 160), parallel);
        }
    }

    [Fact]
    public void DamagedChunk_StepsAsideWithoutAnException()
    {
        string path = _files.PathOf("damaged.nc");
        NetCdf4.Write(path, Values(), 10, 8, shuffle: true, deflate: true);
        NetCdfChunkReader.Layout? layout;
        lock (NetCdfDirectReader.Gate)
            layout = NetCdfChunkReader.Describe(Hdf5Native.Library!, path, "z", W, H);
        Assert.NotNull(layout);
        var chunk = layout.Chunks[4];
        using (var file = File.OpenWrite(path))
        {
            file.Position = chunk.Address + 2; // past the zlib header: the deflate stream itself
            file.Write(Enumerable.Repeat((byte)0xFF, Math.Min(40, chunk.Bytes - 2)).ToArray());
        }
        lock (NetCdfDirectReader.Gate)
            Assert.Null(NetCdfChunkReader.TryRead(path, "z", W, H));
    }

    [Fact]
    public void UnwrittenChunks_AndOtherFiles_AreLeftToNetCdf()
    {
        string partial = _files.PathOf("partial.nc");
        NetCdf4.Write(partial, Values(), 10, 8, shuffle: true, deflate: true, rowsWritten: 5); // later chunks never allocated
        string classic = _files.PathOf("classic.nc");
        using (var ds = GdalDataset.Create("netCDF", classic, W, H, 1, GdalNative.GDT_Float32, 0))
            ds.CloseChecked(); // netCDF-3: not HDF5
        lock (NetCdfDirectReader.Gate)
        {
            Assert.Null(NetCdfChunkReader.TryRead(partial, "z", W, H));
            Assert.Null(NetCdfChunkReader.TryRead(classic, "Band1", W, H));
            Assert.Null(NetCdfChunkReader.TryRead(partial, "z", W + 1, H)); // not the shape GDAL reported
            var throughNetCdf = NetCdfDirectReader.ReadThroughNetCdf(partial, "z", W, H);
            Assert.NotNull(throughNetCdf);
            output.WriteLine($"unwritten cells read by netCDF as {throughNetCdf[^1]} (the fill value)");
            Assert.Equal(Values()[..(5 * W)], throughNetCdf[..(5 * W)]);
        }
    }

    /// <summary>Writes netCDF-4 test grids through libnetcdf (chunk shape and filters chosen).</summary>
    private static partial class NetCdf4
    {
        private const string Lib = "libnetcdf.so.19";

        public static void Write(string path, float[] values, int chunkRows, int chunkColumns, bool shuffle, bool deflate, int rowsWritten = H)
        {
            int nc, y, x, v;
            Check(nc_create(path, 0x1000, &nc)); // NC_NETCDF4
            Check(nc_def_dim(nc, "y", H, &y));
            Check(nc_def_dim(nc, "x", W, &x));
            int* dims = stackalloc int[] { y, x };
            Check(nc_def_var(nc, "z", 5, 2, dims, &v)); // NC_FLOAT
            nuint* chunks = stackalloc nuint[] { (nuint)chunkRows, (nuint)chunkColumns };
            Check(nc_def_var_chunking(nc, v, 0, chunks)); // NC_CHUNKED
            if (shuffle || deflate) Check(nc_def_var_deflate(nc, v, shuffle ? 1 : 0, deflate ? 1 : 0, 4));
            Check(nc_enddef(nc));
            nuint* start = stackalloc nuint[] { 0, 0 };
            nuint* count = stackalloc nuint[] { (nuint)rowsWritten, W };
            fixed (float* p = values) Check(nc_put_vara_float(nc, v, start, count, p));
            Check(nc_close(nc));
        }

        private static void Check(int status) => Assert.True(status == 0, $"netCDF status {status}");

        [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] private static partial int nc_create(string path, int mode, int* nc);
        [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] private static partial int nc_def_dim(int nc, string name, nuint length, int* dim);
        [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] private static partial int nc_def_var(int nc, string name, int type, int ndims, int* dims, int* v);
        [LibraryImport(Lib)] private static partial int nc_def_var_chunking(int nc, int v, int storage, nuint* chunks);
        [LibraryImport(Lib)] private static partial int nc_def_var_deflate(int nc, int v, int shuffle, int deflate, int level);
        [LibraryImport(Lib)] private static partial int nc_enddef(int nc);
        [LibraryImport(Lib)] private static partial int nc_put_vara_float(int nc, int v, nuint* start, nuint* count, float* values);
        [LibraryImport(Lib)] private static partial int nc_close(int nc);
    }
}
