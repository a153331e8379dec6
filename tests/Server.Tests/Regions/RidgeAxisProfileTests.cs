using System.Globalization;
using System.Text.Json.Nodes;
using GisBridge.Algorithms.Regions;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;
using GisBridge.Server.Regions;
using GisBridge.Tests.Support;

namespace GisBridge.Server.Tests.Regions;

/// <summary>Profiles along the SWIR, CIR and SEIR axes on the Gale et al. (2013) ridge basalts.</summary>
public sealed class RidgeAxisProfileTests(ITestOutputHelper output)
{
    private static readonly string Gale = SharedData.Path("geochem", "Gale_2013_MOR_Sample_Data.csv");

    private JobOutputs Run(RidgeProfileOptions options, string folder, string? axes = null)
    {
        var inputs = new JobInputs();
        inputs.AddFile(new InputFile("samples", Path.GetFileName(Gale), Gale));
        if (axes is not null) inputs.AddFile(new InputFile(RidgeAxesFile.Role, Path.GetFileName(axes), axes));
        var outputs = new JobOutputs();
        using var ctx = new JobContext(CancellationToken.None, _ => { }, folder);
        new RidgeProfileJob().Run(options, inputs, outputs, ctx);
        foreach (var f in outputs.Items.OfType<FileOutput>())
            File.Copy(f.Path, Path.Combine(folder, "out-" + f.Name), overwrite: true);
        output.WriteLine(outputs.Result.Message);
        return outputs;
    }

    [Fact]
    public void TheGaleDredgesLieOnTheApproximateAxes()
    {
        var table = SampleTableIo.Read(Gale, "samples");
        var ridge = table.Text("ridge");
        var (lon, lat) = (table.Numeric("longitude"), table.Numeric("latitude"));
        foreach (var (axis, code) in new[] { (IndianOceanRidges.Swir, "SWIR"), (IndianOceanRidges.Cir, "CIRR"), (IndianOceanRidges.Seir, "SEIR") })
        {
            var offsets = Enumerable.Range(0, table.RowCount).Where(i => ridge[i] == code && double.IsFinite(lon[i]))
                .Select(i => axis.Project(lon[i], lat[i]).OffsetKm).Order().ToArray();
            double median = offsets[offsets.Length / 2], p90 = offsets[(int)(0.9 * (offsets.Length - 1))];
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{axis.Name}: {offsets.Length} samples, offset median {median:F0} km, 90 % {p90:F0} km, max {offsets[^1]:F0} km"));
            Assert.True(median < 50 && p90 < 150, $"{axis.Name}: median {median:F0} km, 90 % {p90:F0} km off the axis");
        }
    }

    [Fact]
    public void ByDefaultOnePanelColumnPerIndianRidgeWithChangePoints()
    {
        var folder = Directory.CreateTempSubdirectory("gisbridge-axis-profile-").FullName;
        try
        {
            var options = new RidgeProfileOptions { Width = 1200, Height = 700 };
            options.Indices.Add("delta_8_4,na8");
            var outputs = Run(options, folder);
            var report = JsonNode.Parse(outputs.Result.ReportJson)!;
            Assert.Equal("Axis", (string?)report["order_by"]);
            Assert.Equal("ridge", (string?)report["group_field"]);
            var groups = report["groups"]!.AsArray();
            Assert.Equal(["SWIR", "CIR", "SEIR"], groups.Select(g => (string?)g!["group"])); // panel columns in the order of the axes
            var swir = groups.First(g => (string?)g!["group"] == "SWIR")!;
            Assert.Equal("Distance from the Bouvet Triple Junction (km)", (string?)swir["x_axis"]); // under a panel titled SWIR
            Assert.InRange((int)swir["samples"]!, 60, 72); // Gale: 72 SWIR rows, a few without Δ8/4 or Na8 or off the axis
            Assert.True(groups.Sum(g => g!["change_points"]!.AsArray().Count) > 0, "the Dupal step along the SEIR is a change point");
            var table = File.ReadAllLines(Path.Combine(folder, "out-table"));
            var swirRows = table.Skip(1).Where(l => l.StartsWith("SWIR,", StringComparison.Ordinal))
                .Select(l => l.Split(',')).Select(c => (Position: double.Parse(c[2], CultureInfo.InvariantCulture), Lon: double.Parse(c[3], CultureInfo.InvariantCulture))).ToArray();
            // Measured from the Bouvet end: positions increase eastwards along the SWIR, from near 0 to its length.
            Assert.True(swirRows.Zip(swirRows.Skip(1)).All(p => p.Second.Position >= p.First.Position));
            Assert.True(swirRows[0].Lon < 10 && swirRows[^1].Lon > 65);
            Assert.InRange(swirRows[^1].Position, 0.9 * IndianOceanRidges.Swir.LengthKm, IndianOceanRidges.Swir.LengthKm);
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(folder, "out-chart_svg")));

            var one = new RidgeProfileOptions { OrderBy = "axis", GroupField = "ridge", NoChangePoints = true };
            one.Ridges.Add("SEIR");
            var seir = JsonNode.Parse(Run(one, folder).Result.ReportJson)!["groups"]!.AsArray();
            Assert.Equal("SEIR", (string?)Assert.Single(seir)!["group"]);
            Assert.Contains("'MAR'", Assert.Throws<JobInputException>(() => Run(new RidgeProfileOptions { OrderBy = "axis", GroupField = "ridge", Ridges = { "MAR" } }, folder)).Message);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static (double Position, double Lon)[] SwirRows(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "out-table")).Skip(1).Where(l => l.StartsWith("SWIR,", StringComparison.Ordinal))
            .Select(l => l.Split(',')).Select(c => (double.Parse(c[2], CultureInfo.InvariantCulture), double.Parse(c[3], CultureInfo.InvariantCulture)))
            .OrderBy(r => r.Item2).ToArray();

    private static string GeoJson(string folder, string file, string crs, string features)
    {
        var path = Path.Combine(folder, file);
        File.WriteAllText(path, $$$"""{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "{{{crs}}}"}}, "features": [{{{features}}}]}""");
        return path;
    }

    private static string Line(string name, IEnumerable<(double Lon, double Lat)> vertices) =>
        $$$"""{"type": "Feature", "properties": {"ridge_name": "{{{name}}}"}, "geometry": {"type": "LineString", "coordinates": [{{{string.Join(", ",
            vertices.Select(v => string.Create(CultureInfo.InvariantCulture, $"[{v.Lon}, {v.Lat}]")))}}}]}}""";

    [Fact]
    public void AnAxesFileDrawnFromTheOtherEndMeasuresFromThatEnd()
    {
        var folder = Directory.CreateTempSubdirectory("gisbridge-axis-file-").FullName;
        try
        {
            var options = new RidgeProfileOptions { OrderBy = "axis", GroupField = "ridge", NoChangePoints = true, AxisNameField = "ridge_name" };
            options.Ridges.Add("SWIR");
            Run(options, folder);
            var builtIn = SwirRows(folder);
            // The same SWIR vertices drawn from the Rodrigues end: every sample's distance becomes length - distance.
            var reversed = GeoJson(folder, "axes.geojson", "urn:ogc:def:crs:OGC:1.3:CRS84", Line("SWIR", IndianOceanRidges.Swir.Vertices.Reverse()));
            var outputs = Run(options, folder, reversed);
            var fromRodrigues = SwirRows(folder);
            Assert.Equal(builtIn.Length, fromRodrigues.Length);
            double length = IndianOceanRidges.Swir.LengthKm;
            for (int i = 0; i < builtIn.Length; i++)
                Assert.Equal(length - builtIn[i].Position, fromRodrigues[i].Position, 0.5);
            var group = JsonNode.Parse(outputs.Result.ReportJson)!["groups"]![0]!;
            Assert.Equal("user file axes.geojson", (string?)group["axis_source"]);
            Assert.Equal("Distance from the first vertex of 'SWIR' in axes.geojson (km)", (string?)group["x_axis"]);
            // Field names are case-insensitive, as OGR's are.
            var upper = options.Clone();
            upper.AxisNameField = "RIDGE_NAME";
            Run(upper, folder, reversed);
            Assert.Equal(fromRodrigues, SwirRows(folder));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Fact]
    public void ABadAxesFileIsRefusedNamingWhatIsWrong()
    {
        var folder = Directory.CreateTempSubdirectory("gisbridge-axis-file-bad-").FullName;
        try
        {
            var options = new RidgeProfileOptions { OrderBy = "axis", GroupField = "ridge", AxisNameField = "ridge_name" };
            string Refusal(string file, string crs, string features) =>
                Assert.Throws<JobInputException>(() => Run(options, folder, GeoJson(folder, file, crs, features))).Message;
            var swir = Line("SWIR", IndianOceanRidges.Swir.Vertices);
            Assert.Contains("projected CRS", Refusal("utm.geojson", "EPSG:32740", Line("SWIR", [(500000, 7000000), (600000, 7100000)])));
            var defaultName = options.Clone();
            defaultName.AxisNameField = "";
            Assert.Contains("no field 'name'", Assert.Throws<JobInputException>(() => Run(defaultName, folder,
                GeoJson(folder, "noname.geojson", "EPSG:4326", swir))).Message);
            Assert.Contains("two axes named 'SWIR'", Refusal("twice.geojson", "EPSG:4326", swir + ", " + swir));
            var mar = options.Clone();
            mar.Ridges.Add("MAR");
            Assert.Contains("'MAR' is not a ridge with a known axis (SWIR)", Assert.Throws<JobInputException>(() =>
                Run(mar, folder, GeoJson(folder, "one.geojson", "EPSG:4326", swir))).Message);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
