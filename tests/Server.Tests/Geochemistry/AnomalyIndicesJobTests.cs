using System.Text.Json;
using GisBridge.Protocol.V1;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Geochemistry;
using GisBridge.Server.Jobs;
using GisBridge.Server.Tests.Support;

namespace GisBridge.Server.Tests.Geochemistry;

public class AnomalyIndicesJobTests(ITestOutputHelper output)
{
    private static (JobOutputs Outputs, JobContext Context) Run(string path, AnomalyIndicesOptions options)
    {
        var inputs = new JobInputs();
        inputs.AddFile(new InputFile(AnomalyIndicesJob.InputName, Path.GetFileName(path), path));
        var outputs = new JobOutputs();
        var context = new JobContext(CancellationToken.None, _ => { }, Path.GetTempPath());
        new AnomalyIndicesJob().Run(options, inputs, outputs, context);
        return (outputs, context);
    }

    [Fact]
    public void Gale_WritesOnePointPerRow_WithInputFieldsAndIndices_AndTheReport()
    {
        var (outputs, context) = Run(RepoPaths.Sample("geochem", "Gale_2013_MOR_Sample_Data.csv"), new AnomalyIndicesOptions { WantCsv = true });
        using (context)
        {
            var files = outputs.Items.OfType<FileOutput>().ToList();
            Assert.Equal([AnomalyIndicesJob.LayerOutput, AnomalyIndicesJob.CsvOutput], files.Select(f => f.Name));
            var layer = OgrVectorReader.Read(files[0].Path, "samples");
            Assert.Equal(3218, layer.Features.Count);
            Assert.Contains("4326", layer.CrsWkt);
            foreach (var field in new[] { "province", "sample_id", "mgo", "pb207_pb204", "delta_7_4", "delta_8_4", "delta_sr", "mg_number",
                         "na8", "fe8", "la_sm", "sm_yb", "la_yb", "nb_zr", "zr_nb", "eps_nd", "la_sm_n", "dupal", "dupal_strength" })
                Assert.NotNull(layer.Field(field));
            Assert.Equal(VectorFieldType.Integer, layer.Field("dupal")!.Type);
            // Missing inputs give NULL, never 0.
            var noPb = layer.Features.First(f => !f.Attributes.ContainsKey("pb206_pb204") || f.Attributes["pb206_pb204"] is null);
            Assert.True(!noPb.Attributes.TryGetValue("delta_8_4", out var d) || d is null);
            var seir = layer.Features.Where(f => f.Attributes["province"] is string p && p.StartsWith("SEIR") && f.Attributes.GetValueOrDefault("delta_8_4") is double)
                .Select(f => (double)f.Attributes["delta_8_4"]!).Order().ToArray();
            output.WriteLine($"SEIR from the GeoPackage: n = {seir.Length}, median D8/4 = {seir[seir.Length / 2]:F1}");
            Assert.InRange(seir[seir.Length / 2], 39.5, 42.5);

            var csvLines = File.ReadAllLines(files[1].Path);
            Assert.Equal(3219, csvLines.Length);
            Assert.Contains("delta_8_4", csvLines[0]);

            using var report = JsonDocument.Parse(outputs.Result.ReportJson);
            var import = report.RootElement.GetProperty("import");
            Assert.Equal("gale", import.GetProperty("format").GetString());
            Assert.Equal(3218, import.GetProperty("rows_read").GetInt32());
            Assert.Contains(import.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("207Pb/206Pb holds 207Pb/204Pb"));
            Assert.Contains(import.GetProperty("columns_ignored").EnumerateArray(), c => c.GetProperty("name").GetString() == "Ti");
            Assert.Equal(823, report.RootElement.GetProperty("indices").GetProperty("rows_with_value").GetProperty("delta_8_4").GetInt32());
            output.WriteLine("timings: " + report.RootElement.GetProperty("timings"));
            output.WriteLine(outputs.Result.Message);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("mean of \"numeric\" values <per sample>")]
    public void ReportJson_IsTheCompactDocumentOfItsParts(string? mergeRule)
    {
        var report = new Algorithms.Geochemistry.ImportReport { File = "t\u00e9st.csv", Format = "csv", RowsRead = 3, RowsKept = 2 };
        report.Drop("no latitude/longitude", 3);
        var summary = new Algorithms.Geochemistry.IndexSummary(new Dictionary<string, int> { ["delta_8_4"] = 1, ["mg_number"] = 2 }, ["Mg# with Fe3+/Fe = 0.15"]);
        var timings = new Dictionary<string, double> { ["read_ms"] = 12.5, ["read_cpu_ms"] = 20 };

        string json = AnomalyIndicesJob.ReportJson(report, summary, mergeRule, 2, timings);

        // The same text as the document assembled from its parts with JsonNode (how the report was built before).
        var expected = new System.Text.Json.Nodes.JsonObject
        {
            ["import"] = System.Text.Json.Nodes.JsonNode.Parse(report.ToJson()),
            ["indices"] = new System.Text.Json.Nodes.JsonObject
            {
                ["rows_with_value"] = JsonSerializer.SerializeToNode(summary.RowsWithValue),
                ["conventions"] = JsonSerializer.SerializeToNode(summary.Conventions),
            },
            ["merge"] = mergeRule,
            ["output_rows"] = 2,
            ["timings"] = JsonSerializer.SerializeToNode(timings),
        };
        Assert.Equal(expected.ToJsonString(), json);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(mergeRule is null ? JsonValueKind.Null : JsonValueKind.String, doc.RootElement.GetProperty("merge").ValueKind);
        Assert.Equal(12.5, doc.RootElement.GetProperty("timings").GetProperty("read_ms").GetDouble());
    }

    [Fact]
    public void Georoc_PriorityMerge_RecordsEachValuesRowAndKeepsSeparateAnalysesApart()
    {
        var (plain, plainContext) = Run(RepoPaths.Sample("geochem", "georoc", "KERGUELEN_PLATEAU.csv"), new AnomalyIndicesOptions());
        int rows;
        using (plainContext) rows = OgrVectorReader.Read(plain.Items.OfType<FileOutput>().Single().Path).Features.Count;
        var options = new AnomalyIndicesOptions { MergeSamples = true, MergeRule = "priority" };
        var (outputs, context) = Run(RepoPaths.Sample("geochem", "georoc", "KERGUELEN_PLATEAU.csv"), options);
        using (context)
        {
            var layer = OgrVectorReader.Read(outputs.Items.OfType<FileOutput>().Single().Path);
            Assert.NotNull(layer.Field("value_sources"));
            Assert.Equal(rows - 1, layer.Features.Count); // one sample reported by two papers; same-paper analyses stay apart
            using var report = JsonDocument.Parse(outputs.Result.ReportJson);
            Assert.Contains("most recent publication", report.RootElement.GetProperty("merge").GetString());
        }
        var bad = new AnomalyIndicesOptions { MergeSamples = true, MergeRule = "median" };
        Assert.Contains("'median'", Assert.Throws<JobInputException>(() => Run(RepoPaths.Sample("geochem", "georoc", "KERGUELEN_PLATEAU.csv"), bad)).Message);
    }

    [Fact]
    public void Georoc_MergeAndOptions_AreApplied()
    {
        var options = new AnomalyIndicesOptions { MergeSamples = true, Na8Method = Na8Method.Castillo2000, DupalD84Threshold = 100, Fe3Fraction = 0.1 };
        var (outputs, context) = Run(RepoPaths.Sample("geochem", "georoc", "KERGUELEN_PLATEAU.csv"), options);
        using (context)
        {
            var layer = OgrVectorReader.Read(outputs.Items.OfType<FileOutput>().Single().Path);
            Assert.NotNull(layer.Field("merged_rows"));
            Assert.True(layer.Features.Count < 651);
            using var report = JsonDocument.Parse(outputs.Result.ReportJson);
            Assert.Contains("mean", report.RootElement.GetProperty("merge").GetString());
            var conventions = report.RootElement.GetProperty("indices").GetProperty("conventions").EnumerateArray().Select(c => c.GetString()!).ToList();
            Assert.Contains(conventions, c => c.Contains("Castillo"));
            Assert.Contains(conventions, c => c.Contains("delta_8_4 > 100"));
            Assert.Contains(conventions, c => c.Contains("0.1"));
        }
    }

    [Fact]
    public void TableWithoutLocatedRows_IsABadInputNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nolocation-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "lat,lon,MgO\n,,7\n");
        try
        {
            var e = Assert.Throws<JobInputException>(() => Run(path, new AnomalyIndicesOptions()));
            Assert.Contains(Path.GetFileName(path), e.Message);
            Assert.Contains("no latitude/longitude", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BadCells_BecomeWarnings_AndTheRestIsProcessed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"badcell-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "lat,lon,MgO,Na2O\n1,2,seven,3\n1,2,7,3\n3,4,8,2.5\n");
        try
        {
            var (outputs, context) = Run(path, new AnomalyIndicesOptions());
            using (context)
            {
                var warning = Assert.Single(outputs.Result.Warnings);
                Assert.Contains("non-numeric cell", warning);
                Assert.Contains(":2: column 'MgO': not a number: 'seven'", warning);
                Assert.Equal(3, OgrVectorReader.Read(outputs.Items.OfType<FileOutput>().Single().Path).Features.Count);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
