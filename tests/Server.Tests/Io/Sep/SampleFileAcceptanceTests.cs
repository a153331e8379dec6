using GisBridge.Algorithms.Geochemistry;
using GisBridge.Server.Io.Sep;
using Xunit.Abstractions;

namespace GisBridge.Server.Tests.Io.Sep;

/// <summary>The real files in samples/geochem (see samples/PROVENANCE.md for their traps).</summary>
public class SampleFileAcceptanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Gale2013_MedianD84ByProvince_MatchesTheIndianAndAtlanticPacificPattern()
    {
        var r = GeochemTestData.ReadFile(GeochemTestData.Sample("Gale_2013_MOR_Sample_Data.csv"));
        var t = r.Table;
        Assert.Equal(TableFormat.Gale, r.Format);
        Assert.Equal(3218, r.Report.RowsRead);
        Assert.Equal(3218, t.RowCount);
        Assert.Contains(r.Report.Notes, n => n.Contains("207Pb/206Pb holds 207Pb/204Pb"));
        Assert.True(t.HasText("province"));
        Assert.True(t.Numeric("longitude").All(x => x is >= -180 and <= 180));
        Assert.DoesNotContain(t.Text("author"), a => a is not null && a.Contains("+ADs-"));

        AnomalyIndexCalculator.Compute(t, new AnomalyIndexOptions());
        var province = t.Text("province");
        var d84 = t.Numeric("delta_8_4");
        var expected = new Dictionary<string, double> { ["SEIR"] = 41, ["CIRR"] = 45, ["SWIR"] = 33, ["MARR"] = 15, ["EPRR"] = -2 };
        foreach (var (prefix, median) in expected)
        {
            var values = Enumerable.Range(0, t.RowCount)
                .Where(i => province[i]?.StartsWith(prefix, StringComparison.Ordinal) == true && !double.IsNaN(d84[i]))
                .Select(i => d84[i]).Order().ToArray();
            double m = values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
            output.WriteLine($"{prefix}: n = {values.Length}, median D8/4 = {m:F1} (expected about {median})");
            Assert.InRange(m, median - 1.5, median + 1.5);
        }
        var d74 = t.Numeric("delta_7_4").Where(v => !double.IsNaN(v)).Order().ToArray();
        output.WriteLine($"median D7/4 (all) = {d74[d74.Length / 2]:F2}, rows with D7/4: {d74.Length}");
        Assert.InRange(d74[d74.Length / 2], -10, 20); // would be about -1500 if the column were read as 207Pb/206Pb
    }

    [Theory]
    [InlineData("KERGUELEN_PLATEAU.csv")]
    [InlineData("WALVIS_RIDGE.csv")]
    [InlineData("s_AMSTERDAM-ST_PAUL.csv")]
    public void GeorocFiles_ReadWithoutManualEdits(string name)
    {
        var r = GeochemTestData.ReadFile(GeochemTestData.Sample("georoc", name));
        var t = r.Table;
        var rep = r.Report;
        output.WriteLine($"{name}: rows read {rep.RowsRead}, kept {rep.RowsKept}, dropped {string.Join(", ", rep.RowsDropped.Select(d => $"{d.Key}: {d.Value}"))}, " +
                         $"zeros as not detected {rep.ZeroAsMissingCells}, columns {t.Columns.Count}, issues {rep.IssueCounts.Values.Sum()}");
        Assert.Equal(TableFormat.Georoc, r.Format);
        Assert.NotNull(rep.TrailingBlockLine);
        Assert.True(rep.RowsRead > 0);
        Assert.False(rep.IssueCounts.ContainsKey("non-numeric cell"), string.Join("\n", rep.Issues));
        Assert.True(t.HasLocation);
        Assert.True(t.Numeric("latitude").All(v => v is >= -90 and <= 90));
        Assert.DoesNotContain(t.Text("sample_id"), s => s is not null && s.Contains('['));
        Assert.DoesNotContain(t.Text("rock_name"), s => s is not null && s.Contains('['));
        Assert.DoesNotContain(t.Text("sample_id"), s => s is not null && (s.StartsWith("References") || s.StartsWith("Abbreviations")));
        foreach (var col in new[] { "sio2", "mgo", "sr87_sr86", "pb206_pb204" })
            if (t.HasNumeric(col)) Assert.DoesNotContain(0.0, t.Numeric(col));

        var summary = AnomalyIndexCalculator.Compute(t, new AnomalyIndexOptions());
        output.WriteLine("  rows with value: " + string.Join(", ", summary.RowsWithValue.Select(kv => $"{kv.Key} {kv.Value}")));
        var d84 = t.Numeric("delta_8_4").Where(v => !double.IsNaN(v)).Order().ToArray();
        if (d84.Length > 0) output.WriteLine($"  median D8/4 = {d84[d84.Length / 2]:F1} (n = {d84.Length})");
    }

    [Fact]
    public void Georoc_MergeSamples_ReducesRowsByTheStatedRule()
    {
        var r = GeochemTestData.ReadFile(GeochemTestData.Sample("georoc", "KERGUELEN_PLATEAU.csv"));
        var merged = SampleMerger.Merge(r.Table);
        output.WriteLine($"KERGUELEN_PLATEAU: {r.Table.RowCount} rows -> {merged.RowCount} samples");
        Assert.True(merged.RowCount <= r.Table.RowCount);
        Assert.Equal(r.Table.RowCount, (int)merged.Numeric("merged_rows").Sum());
    }
}
