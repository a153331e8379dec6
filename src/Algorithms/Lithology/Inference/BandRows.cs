namespace GisBridge.Algorithms.Lithology.Inference;

/// <summary>
/// Rows of a multi-band raster read on demand, so that inference over a raster larger than memory holds only a
/// strip of rows (the server reads them from a file through GDAL; <see cref="ArrayBandRows"/> serves arrays).
/// </summary>
public interface IBandRowReader
{
    int Width { get; }
    int Height { get; }
    int BandCount { get; }

    /// <summary>Fills <c>strip[b][0 .. rows * Width)</c> with rows [y0, y0 + rows) of band b; NaN = nodata.</summary>
    void ReadRows(int y0, int rows, float[][] strip);
}

/// <summary>Receives finished prediction rows in order, top to bottom; a span is empty when that output is not wanted.</summary>
public interface IPredictionRowWriter
{
    void WriteRows(int y0, int rows, ReadOnlySpan<byte> classes, ReadOnlySpan<float> confidence, ReadOnlySpan<float> entropy,
        ReadOnlySpan<float> uncertainty);
}

/// <summary>Bands held in memory, one array of Width x Height cells each.</summary>
public sealed class ArrayBandRows(IReadOnlyList<float[]> bands, int width, int height) : IBandRowReader
{
    public int Width => width;
    public int Height => height;
    public int BandCount => bands.Count;

    public void ReadRows(int y0, int rows, float[][] strip)
    {
        for (int b = 0; b < bands.Count; b++)
            Array.Copy(bands[b], (long)y0 * width, strip[b], 0, (long)rows * width);
    }
}

/// <summary>Collects the rows into a <see cref="LithologyPrediction"/>.</summary>
internal sealed class PredictionCollector(LithologyPrediction result) : IPredictionRowWriter
{
    public void WriteRows(int y0, int rows, ReadOnlySpan<byte> classes, ReadOnlySpan<float> confidence, ReadOnlySpan<float> entropy,
        ReadOnlySpan<float> uncertainty)
    {
        int at = y0 * result.Width;
        classes.CopyTo(result.Classes.AsSpan(at));
        if (result.Confidence is not null) confidence.CopyTo(result.Confidence.AsSpan(at));
        if (result.Entropy is not null) entropy.CopyTo(result.Entropy.AsSpan(at));
        if (result.Uncertainty is not null) uncertainty.CopyTo(result.Uncertainty.AsSpan(at));
    }
}
