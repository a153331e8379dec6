using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Lithology.Inference;
using GisBridge.Algorithms.Lithology.Training;
using GisBridge.Server.Io.Gdal;

namespace GisBridge.Server.Lithology;

/// <summary>
/// Streams prediction rows into GeoTIFFs in the job's work folder: lithology (uint8, classes named and coloured,
/// 255 = nodata), optionally confidence, entropy and the test-time-augmentation uncertainty (float32, NaN = nodata). Counts the pixels per class on the way.
/// </summary>
public sealed class GeoTiffPredictionWriter : IPredictionRowWriter, IDisposable
{
    private readonly GdalRasterRowWriter lithology;
    private readonly GdalRasterRowWriter? confidence;
    private readonly GdalRasterRowWriter? entropy;
    private readonly GdalRasterRowWriter? uncertainty;

    public GeoTiffPredictionWriter(string folder, int width, int height, GeoTransform transform, string crsWkt, ModelCard card,
        bool wantConfidence, bool wantEntropy, bool wantUncertainty)
    {
        Directory.CreateDirectory(folder);
        ClassPixels = new long[256];
        lithology = new GdalRasterRowWriter(Path.Combine(folder, "lithology.tif"), width, height, RasterPixelType.Byte, transform, crsWkt,
            255, card.Classes.Select(c => c.Name).ToList(), card.Classes.Select(c => c.Color).ToList());
        try
        {
            if (wantConfidence)
                confidence = new GdalRasterRowWriter(Path.Combine(folder, "confidence.tif"), width, height, RasterPixelType.Float32, transform, crsWkt, double.NaN);
            if (wantEntropy)
                entropy = new GdalRasterRowWriter(Path.Combine(folder, "entropy.tif"), width, height, RasterPixelType.Float32, transform, crsWkt, double.NaN);
            if (wantUncertainty)
                uncertainty = new GdalRasterRowWriter(Path.Combine(folder, "uncertainty.tif"), width, height, RasterPixelType.Float32, transform, crsWkt, double.NaN);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Pixels per class value (index 255 = nodata).</summary>
    public long[] ClassPixels { get; }

    public string LithologyPath => lithology.Path;
    public string? ConfidencePath => confidence?.Path;
    public string? EntropyPath => entropy?.Path;
    public string? UncertaintyPath => uncertainty?.Path;

    public void WriteRows(int y0, int rows, ReadOnlySpan<byte> classes, ReadOnlySpan<float> conf, ReadOnlySpan<float> ent, ReadOnlySpan<float> mi)
    {
        foreach (var v in classes) ClassPixels[v]++;
        lithology.WriteRows(y0, classes);
        confidence?.WriteRows(y0, conf);
        entropy?.WriteRows(y0, ent);
        uncertainty?.WriteRows(y0, mi);
    }

    public void Complete()
    {
        lithology.Complete();
        confidence?.Complete();
        entropy?.Complete();
        uncertainty?.Complete();
    }

    public void Dispose()
    {
        lithology.Dispose();
        confidence?.Dispose();
        entropy?.Dispose();
        uncertainty?.Dispose();
    }
}
