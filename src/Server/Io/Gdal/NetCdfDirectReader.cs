using System.Runtime.InteropServices;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// Whole-variable reads of float32 netCDF grids straight through libnetcdf (the library GDAL itself uses), for
/// speed: GDAL's netCDF driver fetches one chunk per call (a 10800 x 5400 GMT grid is ~3,500 calls of 129 x 129),
/// while one <c>nc_get_var_float</c> lets netCDF/HDF5 stream the chunks, about 1.5x faster on the whole read; GMT's
/// deflated netCDF-4 grids go further, inflated on all cores by <see cref="NetCdfChunkReader"/> (0.5 s instead of
/// 0.9-1.3 s for 10800 x 5400 on 2 cores).
/// <para>
/// GDAL stays the reference: the caller compares rows that GDAL reads with the direct result to learn the row
/// order (GDAL shows south-up netCDF grids north-up) and falls back to GDAL on any doubt. netCDF/HDF5 are not
/// thread-safe and GDAL's own netCDF lock is not reachable from here, so every netCDF read of this server goes
/// through <see cref="Gate"/> (see <see cref="GdalRasterReader"/>).
/// </para>
/// </summary>
internal static unsafe class NetCdfDirectReader
{
    /// <summary>Held around every netCDF access made through <see cref="GdalRasterReader"/>.</summary>
    public static readonly object Gate = new();

    private const int NcNoWrite = 0, NcFloat = 5;
    private static readonly Lazy<Api?> s_api = new(Load);

    /// <summary>The variable as stored (netCDF row order), or null when the library, the variable, its type
    /// (float) or its shape (height x width, two dimensions) does not allow a direct read.</summary>
    public static float[]? TryReadVariable(string path, string variable, int width, int height)
    {
        if (s_api.Value is not { } api || !File.Exists(path) || variable.Length == 0)
            return null;
        // GMT's deflated netCDF-4 grids: inflated on all cores.
        return NetCdfChunkReader.TryRead(path, variable, width, height) ?? ReadThroughNetCdf(api, path, variable, width, height);
    }

    /// <summary>The same read through libnetcdf alone (one nc_get_var_float), for the tests' comparison.</summary>
    internal static float[]? ReadThroughNetCdf(string path, string variable, int width, int height) =>
        s_api.Value is { } api ? ReadThroughNetCdf(api, path, variable, width, height) : null;

    private static float[]? ReadThroughNetCdf(Api api, string path, string variable, int width, int height)
    {
        int nc;
        fixed (byte* p = GdalNative.Utf8Z(path))
            if (api.Open(p, NcNoWrite, &nc) != 0) return null;
        try
        {
            int id, type, ndims;
            fixed (byte* v = GdalNative.Utf8Z(variable))
                if (api.InqVarId(nc, v, &id) != 0) return null;
            if (api.InqVarType(nc, id, &type) != 0 || type != NcFloat) return null;
            if (api.InqVarNDims(nc, id, &ndims) != 0 || ndims != 2) return null;
            int* dims = stackalloc int[2];
            nuint rows, cols;
            if (api.InqVarDimIds(nc, id, dims) != 0 || api.InqDimLen(nc, dims[0], &rows) != 0 || api.InqDimLen(nc, dims[1], &cols) != 0)
                return null;
            if (rows != (nuint)height || cols != (nuint)width) return null;
            var result = GisBridge.Algorithms.Common.LargeArrays.Floats((long)width * height);
            // The read is single-threaded (inflating chunks): page faults go to another core meanwhile.
            _ = GisBridge.Algorithms.Common.LargeArrays.PopulateInBackground(result);
            fixed (float* r = result)
                return api.GetVarFloat(nc, id, r) == 0 ? result : null;
        }
        finally
        {
            api.Close(nc);
        }
    }

    /// <summary>Reverses the row order in place (netCDF grids stored south-up), row pairs swapped on all cores.</summary>
    public static void FlipRows(float[] values, int width, int height) =>
        GisBridge.Algorithms.Common.ParallelRanges.For(height / 2, 64, (first, end) =>
        {
            var tmp = new float[width];
            for (int top = first; top < end; top++)
            {
                int bottom = height - 1 - top;
                var a = values.AsSpan(top * width, width); // width * height <= Array.MaxLength
                var b = values.AsSpan(bottom * width, width);
                a.CopyTo(tmp);
                b.CopyTo(a);
                tmp.CopyTo(b);
            }
        });

    private sealed class Api
    {
        public delegate* unmanaged[Cdecl]<byte*, int, int*, int> Open;
        public delegate* unmanaged[Cdecl]<int, int> Close;
        public delegate* unmanaged[Cdecl]<int, byte*, int*, int> InqVarId;
        public delegate* unmanaged[Cdecl]<int, int, int*, int> InqVarType;
        public delegate* unmanaged[Cdecl]<int, int, int*, int> InqVarNDims;
        public delegate* unmanaged[Cdecl]<int, int, int*, int> InqVarDimIds;
        public delegate* unmanaged[Cdecl]<int, int, nuint*, int> InqDimLen;
        public delegate* unmanaged[Cdecl]<int, int, float*, int> GetVarFloat;
    }

    /// <summary>libnetcdf as GDAL loaded it (same soname, or netcdf.dll beside a QGIS/OSGeo4W GDAL); null if absent.</summary>
    private static Api? Load()
    {
        GdalLibrary.EnsureInitialized();
        var names = OperatingSystem.IsWindows() ? ["netcdf.dll"]
            : OperatingSystem.IsMacOS() ? new[] { "libnetcdf.dylib", "libnetcdf.19.dylib", "libnetcdf.22.dylib" }
            : ["libnetcdf.so.19", "libnetcdf.so.22", "libnetcdf.so.15", "libnetcdf.so"];
        Api? api = null;
        GdalLibrary.TryLoadCompanion(GdalLibrary.CompanionCandidates(names), lib =>
        {
            nint F(string name) => NativeLibrary.GetExport(lib, name);
            api = new Api
            {
                Open = (delegate* unmanaged[Cdecl]<byte*, int, int*, int>)F("nc_open"),
                Close = (delegate* unmanaged[Cdecl]<int, int>)F("nc_close"),
                InqVarId = (delegate* unmanaged[Cdecl]<int, byte*, int*, int>)F("nc_inq_varid"),
                InqVarType = (delegate* unmanaged[Cdecl]<int, int, int*, int>)F("nc_inq_vartype"),
                InqVarNDims = (delegate* unmanaged[Cdecl]<int, int, int*, int>)F("nc_inq_varndims"),
                InqVarDimIds = (delegate* unmanaged[Cdecl]<int, int, int*, int>)F("nc_inq_vardimid"),
                InqDimLen = (delegate* unmanaged[Cdecl]<int, int, nuint*, int>)F("nc_inq_dimlen"),
                GetVarFloat = (delegate* unmanaged[Cdecl]<int, int, float*, int>)F("nc_get_var_float"),
            };
        });
        return api;
    }
}
