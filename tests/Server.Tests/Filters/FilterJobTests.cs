using GisBridge.Algorithms.Common;
using GisBridge.Server.Filters;
using GisBridge.Server.Gravity;
using GisBridge.Server.Jobs;
using static GisBridge.Server.Tests.Gravity.GravityJobTests;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Tests.Filters;

/// <summary>The filter jobs as the RPCs and the CLI run them: option mapping, output names, the fill-dependence
/// raster, errors.</summary>
public class FilterJobTests
{
    [Fact]
    public void LowAndHighPassWithTheSameCutoffSumToTheInput()
    {
        var low = Run(new BandPassJob(), new Proto.BandPassOptions { ShortCutoffKm = 5 }, Bump());
        var high = Run(new BandPassJob(), new Proto.BandPassOptions { LongCutoffKm = 5 }, Bump());
        var l = low.Items.OfType<RasterOutput>().Single();
        var h = high.Items.OfType<RasterOutput>().Single().Grid.Bands[0];
        Assert.Equal("filtered", l.Name);
        var input = Bump().Bands[0];
        for (int i = 0; i < input.Length; i++) Assert.Equal(input[i], l.Grid.Bands[0][i] + h[i], 3);
        Assert.Contains("low-pass", low.Result.Message);
        Assert.Contains("\"fft_width\"", low.Result.ReportJson);
    }

    [Fact]
    public void FillDependenceIsWrittenOnlyWhenAskedAndTheGridHasHoles()
    {
        var options = new Proto.BandPassOptions { Shape = Proto.BandPassShape.Butterworth, LongCutoffKm = 8, ShortCutoffKm = 2, WantFillDependence = true };
        var outputs = Run(new BandPassJob(), options, Bump(hole: true));
        Assert.Equal(["filtered", "depends_on_fill"], outputs.Items.OfType<RasterOutput>().Select(r => r.Name));
        Assert.Contains("depend on the filled values", outputs.Result.Message);
        var noHoles = Run(new BandPassJob(), options, Bump());
        Assert.Equal(["filtered"], noHoles.Items.OfType<RasterOutput>().Select(r => r.Name));
        Assert.Contains(noHoles.Result.Warnings, w => w.Contains("no nodata cell"));

        var derivative = Run(new DerivativeJob(), new Proto.DerivativeOptions { Kind = Proto.DerivativeKind.AnalyticSignal, WantFillDependence = true }, Bump(hole: true));
        Assert.Equal(["analytic_signal", "depends_on_fill"], derivative.Items.OfType<RasterOutput>().Select(r => r.Name));
        var directional = Run(new DirectionalFilterJob(), new Proto.DirectionalFilterOptions { StrikeAzimuthDegrees = 30, WantFillDependence = true }, Bump(hole: true));
        Assert.Equal(["filtered", "depends_on_fill"], directional.Items.OfType<RasterOutput>().Select(r => r.Name));

        var continuation = new Proto.UpwardContinuationOptions { WantRegional = true, WantResidual = true, WantFillDependence = true };
        continuation.Heights.Add(5000);
        Assert.Equal(["regional", "residual", "depends_on_fill"],
            Run(new UpwardContinuationJob(), continuation, Bump(hole: true)).Items.OfType<RasterOutput>().Select(r => r.Name));
        continuation.Heights.Add(10000);
        Assert.Equal(["regional_5000m", "residual_5000m", "depends_on_fill_5000m", "regional_10000m", "residual_10000m", "depends_on_fill_10000m"],
            Run(new UpwardContinuationJob(), continuation, Bump(hole: true)).Items.OfType<RasterOutput>().Select(r => r.Name));
        Assert.Contains(Run(new UpwardContinuationJob(), continuation, Bump()).Result.Warnings, w => w.Contains("no nodata cell"));
    }

    [Fact]
    public void BadOptionsNameTheField()
    {
        var none = Assert.Throws<JobInputException>(() => Run(new BandPassJob(), new Proto.BandPassOptions(), Bump()));
        Assert.Contains("give a cut-off", none.Message);
        var strike = Assert.Throws<JobInputException>(() =>
            Run(new DirectionalFilterJob(), new Proto.DirectionalFilterOptions { StrikeAzimuthDegrees = 270 }, Bump()));
        Assert.Contains("strike", strike.Message);
        Assert.Equal((Algorithms.Gravity.DerivativeKind.Tdx, "tdx"), DerivativeJob.Kind(Proto.DerivativeKind.Tdx));
    }
}
