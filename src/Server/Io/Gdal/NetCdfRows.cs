namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// The direct netCDF read (<see cref="NetCdfDirectReader"/>) of a float32 band opened by GDAL's netCDF driver,
/// accepted only when rows GDAL reads itself (first, second, last) equal the direct result in one row order.
/// </summary>
internal static unsafe class NetCdfRows
{
    /// <summary>The band in GDAL's row order, or null to let GDAL read it (not netCDF, no direct read, or doubt).</summary>
    public static float[]? TryDirect(GdalDataset ds, nint band, int width, int height)
    {
        if (ds.DriverName != "netCDF" || height < 3)
            return null;
        string variable = GdalNative.Str(GdalNative.GDALGetMetadataItem(band, "NETCDF_VARNAME", null));
        var values = NetCdfDirectReader.TryReadVariable(ds.Path, variable, width, height);
        if (values is null)
            return null;
        int[] probes = [0, 1, height - 1];
        var gdalRows = new float[probes.Length][];
        for (int i = 0; i < probes.Length; i++)
        {
            if (ReadRow(band, probes[i], width) is not { } row) return null;
            gdalRows[i] = row;
        }
        bool sameOrder = true, flipped = true;
        for (int i = 0; i < probes.Length; i++)
        {
            sameOrder &= SameBits(gdalRows[i], values.AsSpan(probes[i] * width, width));
            flipped &= SameBits(gdalRows[i], values.AsSpan((height - 1 - probes[i]) * width, width));
        }
        if (sameOrder == flipped)
            return null; // neither matches, or a grid symmetric in these rows: GDAL decides
        if (flipped)
            NetCdfDirectReader.FlipRows(values, width, height);
        return values;
    }

    private static float[]? ReadRow(nint band, int row, int width)
    {
        var buffer = new float[width];
        GdalErrors.Reset();
        fixed (float* p = buffer)
            if (GdalNative.GDALRasterIO(band, GdalNative.GF_Read, 0, row, width, 1, p, width, 1, GdalNative.GDT_Float32, 0, 0)
                != GdalNative.CE_None)
                return null;
        return buffer;
    }

    private static bool SameBits(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(a).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(b));
}
