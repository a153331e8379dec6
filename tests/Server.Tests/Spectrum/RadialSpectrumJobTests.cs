using System.Text.Json;
using GisBridge.Algorithms.Common;
using GisBridge.Server.Jobs;
using GisBridge.Server.Spectrum;
using Proto = GisBridge.Protocol.V1;

namespace GisBridge.Server.Tests.Spectrum;

/// <summary>The radial-spectrum job as the RPC and the CLI run it: chart, CSV, report with depths, bad options.</summary>
public class RadialSpectrumJobTests
{
    // One mass 4 km deep under a 128 x 128 km grid: the spectrum falls as exp(-2 z k), slope -8 per rad/km.
    private static RasterGrid OneMass()
    {
        const int n = 128;
        var v = new float[n * n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
            {
                double x = (c + 0.5) * 1000 - 64_000, y = (r + 0.5) * 1000 - 64_000, z = 4000;
                v[r * n + c] = (float)(1e9 * z / Math.Pow(x * x + y * y + z * z, 1.5));
            }
        return new RasterGrid(n, n, new GeoTransform(0, 1000, 0, 128_000, 0, -1000), [v]) { CrsKind = CrsKind.Projected };
    }

    private static JobOutputs Run(Proto.RadialSpectrumOptions options, string folder)
    {
        var inputs = new JobInputs();
        inputs.AddRaster("input", OneMass);
        var outputs = new JobOutputs();
        using var context = new JobContext(CancellationToken.None, _ => { }, folder);
        new RadialSpectrumJob().Run(options, inputs, outputs, context);
        foreach (var f in outputs.Items.OfType<FileOutput>())
            File.Copy(f.Path, Path.Combine(folder, "out-" + f.Name), overwrite: true);
        return outputs;
    }

    [Fact]
    public void ChartTableAndDepthOfAGivenRange()
    {
        var folder = Directory.CreateTempSubdirectory("gisbridge-spectrum-").FullName;
        try
        {
            var options = new Proto.RadialSpectrumOptions { Width = 700, Height = 500 };
            options.Ranges.Add(new Proto.WavenumberRange { MinRadPerKm = 0.2, MaxRadPerKm = 2.5 });
            var outputs = Run(options, folder);
            Assert.Equal(["chart_png", "chart_svg", "table"], outputs.Items.OfType<FileOutput>().Select(f => f.Name));
            Assert.Equal(0x89, File.ReadAllBytes(Path.Combine(folder, "out-chart_png"))[0]);
            Assert.Contains("depth", File.ReadAllText(Path.Combine(folder, "out-chart_svg")));
            var csv = File.ReadAllLines(Path.Combine(folder, "out-table"));
            Assert.Equal("k_rad_per_km,wavelength_km,power,mean_power,ln_mean_power,count", csv[0]);
            Assert.Equal(96 + 1, csv.Length); // 128 + 2 x 32 padded = 192 columns: 96 bins up to the Nyquist wavenumber
            using var report = JsonDocument.Parse(outputs.Result.ReportJson);
            var segment = Assert.Single(report.RootElement.GetProperty("segments").EnumerateArray());
            Assert.InRange(segment.GetProperty("depth_km").GetDouble(), 0.97 * 4, 1.03 * 4);
            Assert.Equal(JsonValueKind.Null, report.RootElement.GetProperty("separation").ValueKind);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void BadOptionsAreRefusedByName()
    {
        var folder = Directory.CreateTempSubdirectory("gisbridge-spectrum-").FullName;
        try
        {
            Assert.Contains("segments", Assert.Throws<JobInputException>(() => Run(new Proto.RadialSpectrumOptions { Segments = 5 }, folder)).Message);
            var backwards = new Proto.RadialSpectrumOptions();
            backwards.Ranges.Add(new Proto.WavenumberRange { MinRadPerKm = 1, MaxRadPerKm = 0.5 });
            Assert.Contains("not a range", Assert.Throws<ArgumentException>(() => Run(backwards, folder)).Message);
            Assert.Empty(Directory.GetFiles(folder, "out-*"));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
