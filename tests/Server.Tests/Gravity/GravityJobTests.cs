using GisBridge.Algorithms.Common;
using GisBridge.Server.Gravity;
using GisBridge.Server.Jobs;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Tests.Gravity;

/// <summary>The gravity jobs as the RPC and the CLI run them: option mapping, output names, errors.</summary>
public class GravityJobTests
{
    /// <summary>A 64 x 64 Gaussian bump on 500 m cells; with <paramref name="hole"/> a 6 x 6 NaN hole on its flank.</summary>
    internal static RasterGrid Bump(bool hole = false)
    {
        const int n = 64;
        var v = new float[n * n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
                v[r * n + c] = hole && r is >= 20 and < 26 && c is >= 40 and < 46 ? float.NaN
                    : (float)(10 * Math.Exp(-((r - 32) * (r - 32) + (c - 30) * (c - 30)) / 60.0) - 3);
        return new RasterGrid(n, n, new GeoTransform(0, 500, 0, 32_000, 0, -500), [v]) { CrsKind = CrsKind.Projected };
    }

    /// <summary>Runs a raster job on one input raster "input", as the RPC and the CLI do.</summary>
    internal static JobOutputs Run<T>(IJob<T> job, T options, RasterGrid grid)
    {
        var inputs = new JobInputs();
        inputs.AddRaster("input", () => grid);
        var outputs = new JobOutputs();
        using var context = new JobContext(CancellationToken.None, _ => { }, Path.GetTempPath());
        job.Run(options, inputs, outputs, context);
        return outputs;
    }

    [Fact]
    public void OneHeightGivesRegionalAndResidualThatSumToTheInput()
    {
        var grid = Bump();
        var options = new Proto.UpwardContinuationOptions();
        options.Heights.Add(2000);
        var outputs = Run(new UpwardContinuationJob(), options, grid);
        var rasters = outputs.Items.OfType<RasterOutput>().ToList();
        Assert.Equal(["regional", "residual"], rasters.Select(r => r.Name));
        var reg = rasters[0].Grid.Bands[0];
        var res = rasters[1].Grid.Bands[0];
        // The job may consume its input (the last residual is written into it), so compare with a fresh copy.
        var input = Bump().Bands[0];
        for (int i = 0; i < reg.Length; i++) Assert.Equal(input[i], reg[i] + res[i], 4);
        Assert.Contains("\"fft_width\"", outputs.Result.ReportJson);
        // Continuation lowers the peak of a positive bump.
        Assert.True(reg.Max() < input.Max());
    }

    [Fact]
    public void SeveralHeightsAreNamedByHeightAndOnlyTheWantedOutputsAreMade()
    {
        var options = new Proto.UpwardContinuationOptions { WantResidual = true };
        options.Heights.Add(1000);
        options.Heights.Add(2500.5);
        var names = Run(new UpwardContinuationJob(), options, Bump()).Items.OfType<RasterOutput>().Select(r => r.Name);
        Assert.Equal(["residual_1000m", "residual_2500.5m"], names);
        Assert.Equal("out/R_2500.5m.tif", GravityCommands.WithHeight("out/R.tif", 2500.5, several: true));
    }

    [Fact]
    public void DownwardWithoutStabilisationIsAnArgumentErrorAndNoHeightIsAnInputError()
    {
        var down = new Proto.UpwardContinuationOptions();
        down.Heights.Add(-500);
        Assert.Contains("downward", Assert.Throws<ArgumentException>(() => Run(new UpwardContinuationJob(), down, Bump())).Message);
        var none = Assert.Throws<JobInputException>(() => Run(new UpwardContinuationJob(), new Proto.UpwardContinuationOptions(), Bump()));
        Assert.Equal("heights", none.Field);
    }

    [Theory]
    [InlineData(Proto.DerivativeKind.Vertical, "vertical")]
    [InlineData(Proto.DerivativeKind.TotalHorizontalGradient, "thg")]
    [InlineData(Proto.DerivativeKind.Tilt, "tilt")]
    public void DerivativeOutputIsNamedAfterItsKind(Proto.DerivativeKind kind, string name)
    {
        var outputs = Run(new DerivativeJob(), new Proto.DerivativeOptions { Kind = kind }, Bump());
        var raster = Assert.Single(outputs.Items.OfType<RasterOutput>());
        Assert.Equal(name, raster.Name);
        Assert.Contains(raster.Grid.Bands[0], v => float.IsFinite(v) && v != 0);
    }

    [Fact]
    public void UnspecifiedDerivativeKindIsRefused()
    {
        var e = Assert.Throws<JobInputException>(() => Run(new DerivativeJob(), new Proto.DerivativeOptions(), Bump()));
        Assert.Equal("kind", e.Field);
    }

    [Fact]
    public void PaddingOptionsMapOntoTheAlgorithm()
    {
        var fft = GravityOptionMapping.Fft(new Proto.FftOptions { PadFraction = 0.5, Padding = Proto.PaddingMode.Zero });
        Assert.Equal(0.5, fft.PadFraction);
        Assert.Equal(Algorithms.Gravity.PaddingMode.Zero, fft.Padding);
        Assert.Equal(0.25, GravityOptionMapping.Fft(null).PadFraction);
    }
}
