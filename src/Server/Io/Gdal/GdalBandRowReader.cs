using GisBridge.Algorithms.Lithology.Inference;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// Reads strips of rows of every band of a raster on demand (GDAL block reads through its cache), as float32 in
/// physical units with nodata as NaN, like <see cref="GdalRasterReader"/> but without holding the raster: inference
/// over rasters larger than memory reads one window height at a time.
/// </summary>
public sealed unsafe class GdalBandRowReader : IBandRowReader, IDisposable
{
    private readonly GdalDataset ds;

    public GdalBandRowReader(string path)
    {
        ds = GdalDataset.OpenReadOnly(path, GdalNative.GDAL_OF_RASTER, "raster");
        try
        {
            Info = GdalRasterReader.Describe(ds);
            if (Info.Bands.Count == 0)
                throw new GdalException($"raster '{path}' has no bands", path, GdalErrorKind.NotSupported);
            foreach (var b in Info.Bands)
                if (b.IsComplex)
                    throw new GdalException($"band {b.Index} of '{path}' has complex type {b.DataType}, which is not supported", path, GdalErrorKind.NotSupported);
        }
        catch
        {
            ds.Dispose();
            throw;
        }
    }

    public RasterInfo Info { get; }
    public int Width => Info.Width;
    public int Height => Info.Height;
    public int BandCount => Info.Bands.Count;

    public void ReadRows(int y0, int rows, float[][] strip)
    {
        if (y0 < 0 || rows < 1 || y0 + rows > Height)
            throw new ArgumentOutOfRangeException(nameof(rows), $"rows {y0}..{y0 + rows - 1} are outside 0..{Height - 1}");
        for (int b = 0; b < BandCount; b++)
        {
            var info = Info.Bands[b];
            var dest = strip[b];
            if ((long)rows * Width > dest.Length) throw new ArgumentException($"strip {b} holds {dest.Length} cells, {rows} rows need {(long)rows * Width}");
            nint band = GdalNative.GDALGetRasterBand(ds.Handle, info.Index);
            GdalErrors.Reset();
            int err;
            fixed (float* p = dest)
                err = GdalNative.GDALRasterIO(band, GdalNative.GF_Read, 0, y0, Width, rows, p, Width, rows, GdalNative.GDT_Float32, 0, 0);
            if (err != GdalNative.CE_None)
                throw GdalErrors.Error($"cannot read band {info.Index}, rows {y0}..{y0 + rows - 1} of raster", ds.Path);
            bool hasNoData = info.NoData is { } nd && !double.IsNaN(nd);
            // Integer nodata values are exact in float32 up to 2^24; larger ones are compared after the same rounding.
            float noData = (float)(info.NoData ?? double.NaN);
            bool scaled = info.Scale != 1.0 || info.Offset != 0.0;
            if (!hasNoData && !scaled) continue;
            int n = rows * Width;
            for (int i = 0; i < n; i++)
            {
                float v = dest[i];
                if (hasNoData && v == noData) dest[i] = float.NaN;
                else if (scaled) dest[i] = (float)(v * info.Scale + info.Offset);
            }
        }
    }

    public void Dispose() => ds.Dispose();
}
