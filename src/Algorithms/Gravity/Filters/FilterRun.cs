using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Gravity;

/// <summary>Validate, filter with one spectral filter, and build the result with the optional fill-dependence mask.</summary>
internal static class FilterRun
{
    public static FilterResult Apply(RasterGrid input, int band, FftOptions fft, RadialFilter filter, string name,
        bool fillDependence, IProgress<(double Fraction, string Stage)>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(fft);
        var warnings = new List<string>();
        var metric = GridValidation.Validate(input, band, fft, warnings);
        var values = input.Bands[band];
        var output = SpectralFilter.Apply(values, input.Width, input.Height, metric, fft, [filter], progress, ct, out var info)[0];
        RasterGrid? mask = null;
        if (fillDependence && FillDependence.Mask(values, input.Width, input.Height, metric, fft, filter, output, ct) is { } m)
            mask = input.WithBands([m], ["depends_on_fill"]);
        return new FilterResult(input.WithBands([output], [name]), mask, warnings, info.FilledCells, info.LatitudeNodes,
            info.Layout.PaddedWidth, info.Layout.PaddedHeight);
    }
}
