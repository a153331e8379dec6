using System.Diagnostics;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using GisBridge.Server.Lithology;
using GisBridge.Tests.Support;

namespace GisBridge.Server.Tests.Lithology;

/// <summary>Extra input channels are resampled onto the base grid by GDAL's warper (real Rondônia rasters).</summary>
public class ChannelStackTests
{
    private static string Feature(string file) => SharedData.Path("lithology", "rondonia-cprm", "features_tif", file);

    [Fact]
    public void CoRegisteredAndReprojectedChannelsLandOnTheBaseGrid()
    {
        var baseGrid = GdalRasterReader.Read(Feature("srtm300m.tif"));
        var potassium = GdalRasterReader.Read(Feature("Rondonia_Geof_Kperc.tif"));
        string work = Directory.CreateTempSubdirectory("gb-channels-").FullName;
        try
        {
            // The same potassium grid in UTM 20S (made by the gdalwarp command, the peer): it must come back onto the
            // base grid close to the original (two bilinear resamplings smooth it a little).
            string utm = Path.Combine(work, "k_utm.tif");
            var psi = new ProcessStartInfo("gdalwarp") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "-q", "-t_srs", "EPSG:32720", "-tr", "150", "150", "-r", "bilinear", Feature("Rondonia_Geof_Kperc.tif"), utm }) psi.ArgumentList.Add(a);
            using (var p = Process.Start(psi)!) { p.WaitForExit(); Assert.Equal(0, p.ExitCode); }
            var inputs = new JobInputs();
            inputs.AddFile(new InputFile("channel", "Rondonia_Geof_Kperc.tif", Feature("Rondonia_Geof_Kperc.tif")));
            inputs.AddFile(new InputFile("channel", "k_utm.tif", utm));
            inputs.AddFile(new InputFile("channel", "Landsat_RO.tif", Feature("Landsat_RO.tif")));
            var stack = ChannelStack.Stack(baseGrid, inputs, CancellationToken.None);
            Assert.Equal(1 + 1 + 1 + 5, stack.Bands.Count);
            Assert.Equal(["Rondonia_Geof_Kperc", "k_utm", "Landsat_RO_1", "Landsat_RO_5"], new[] { stack.BandNames[1], stack.BandNames[2], stack.BandNames[3], stack.BandNames[7] });
            Assert.Same(baseGrid.Bands[0], stack.Bands[0]);
            // Same grid: bilinear at the cell centres returns the values themselves.
            for (int i = 0; i < potassium.Bands[0].Length; i++)
                if (float.IsFinite(potassium.Bands[0][i])) Assert.Equal(potassium.Bands[0][i], stack.Bands[1][i], 4);
            var diffs = new List<double>();
            for (int r = 5; r < baseGrid.Height - 5; r++)
                for (int c = 5; c < baseGrid.Width - 5; c++)
                {
                    long i = (long)r * baseGrid.Width + c;
                    if (float.IsFinite(potassium.Bands[0][i]) && float.IsFinite(stack.Bands[2][i])) diffs.Add(Math.Abs(potassium.Bands[0][i] - stack.Bands[2][i]));
                }
            Assert.True(diffs.Count > 10_000, $"{diffs.Count} comparable cells");
            double range = potassium.Bands[0].Where(float.IsFinite).Max() - potassium.Bands[0].Where(float.IsFinite).Min();
            diffs.Sort();
            Assert.True(diffs[diffs.Count / 2] < 0.02 * range, $"median difference {diffs[diffs.Count / 2]} of a range {range}");
        }
        finally { Directory.Delete(work, true); }
    }

    [Fact]
    public void AChannelWithoutCrsIsRefusedByName()
    {
        var baseGrid = GdalRasterReader.Read(Feature("srtm300m.tif"));
        var inputs = new JobInputs();
        // A Cartesian grid without a CRS whose numbers happen to cover the base grid's longitudes and latitudes.
        inputs.AddFile(new InputFile("channel", "grav.nc", SharedData.Path("gravity", "grav.V18.par.surf.1km.sq.nc")));
        var e = Assert.Throws<JobInputException>(() => ChannelStack.Stack(baseGrid, inputs, CancellationToken.None));
        Assert.Contains("grav.nc", e.Message);
        Assert.Contains("no CRS", e.Message);
    }
}
