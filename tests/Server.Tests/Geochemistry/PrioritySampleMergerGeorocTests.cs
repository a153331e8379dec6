using GisBridge.Algorithms.Geochemistry;
using GisBridge.Server.Tests.Io.Sep;
using GisBridge.Tests.Support;
using Xunit.Abstractions;

namespace GisBridge.Server.Tests.Geochemistry;

/// <summary>Issue 17, item 1, on a real GEOROC file read as the server reads it (through Sep): the priority merge
/// keeps the compilation's own choices. The merge rules themselves are tested in
/// Algorithms.Tests/Geochemistry/PrioritySampleMergerTests.</summary>
public class PrioritySampleMergerGeorocTests(ITestOutputHelper output)
{
    [Fact]
    public void MergedGeorocFileReproducesTheCompilationsOwnChoices()
    {
        // GEOROC's precompiled files name no method or citation per value, but they show two choices: (1) the papers
        // on one sample are compiled into one row (CITATIONS lists them, SAMPLE NAME and MATERIAL carry each paper's
        // [id]); (2) several analyses of one sample in one paper stay separate rows (e.g. the tephra shards of
        // 10H-4,48-50, SiO2 46.62 and 71.54 wt%, both [995]). The merge must keep both: compiled rows unchanged,
        // same-paper rows apart, and only rows of one sample from different papers merged.
        var path = SharedData.Path("geochem", "georoc", "KERGUELEN_PLATEAU.csv");
        var table = GeochemTestData.ReadFile(path).Table;
        var years = GeorocReferences.Years(File.ReadAllText(path, System.Text.Encoding.Latin1));
        var m = PrioritySampleMerger.Merge(table, new MergePriorityOptions { CitationYears = years });
        output.WriteLine($"{table.RowCount} rows -> {m.Table.RowCount}; {m.GroupsKeptApart} samples kept apart");
        var names = m.Table.Text("sample_id");

        var tephra = Enumerable.Range(0, m.Table.RowCount).Where(i => names[i]!.StartsWith("s_10H-4,48-50", StringComparison.Ordinal)).ToArray();
        Assert.Equal([46.62, 71.54], tephra.Select(i => m.Table.Numeric("sio2")[i]).Order());
        var mean = SampleMerger.Merge(table); // the mean rule averages the two shards into a composition neither has
        Assert.Equal((46.62 + 71.54) / 2, mean.Numeric("sio2")[Array.FindIndex(mean.Text("sample_id"), s => s!.StartsWith("s_10H-4,48-50", StringComparison.Ordinal))], 9);

        // The one sample that two papers report in separate rows (Salters et al. 1992 [1010], Storey et al. 1992 [1914]).
        int merged = Array.FindIndex(names, s => s!.StartsWith("s_120-750B-17R-3,23-26", StringComparison.Ordinal));
        Assert.Equal(2, m.Table.Numeric("merged_rows")[merged]);
        Assert.Equal(table.RowCount - 1, m.Table.RowCount);
        Assert.Equal(49.21, m.Table.Numeric("sio2")[merged]);  // only [1914] has majors
        Assert.Equal(193, m.Table.Numeric("sr")[merged]);      // both 1992: the first row ([1010]) is kept
        var sources = m.Sources.Where(s => s.MergedRow == merged).ToDictionary(s => s.Column, s => s.SourceRow);
        Assert.Equal("[1914]", table.Text("citations")[sources["sio2"]]);
        Assert.Equal("[1010]", table.Text("citations")[sources["sr"]]);

        // Rows GEOROC compiled from several papers come out as they went in.
        var cites = table.Text("citations");
        int compiled = 0;
        for (int k = 0; k < m.Groups.Count; k++)
        {
            if (m.Groups[k].Count != 1) continue;
            int r = m.Groups[k][0];
            if (GeorocReferences.Ids(cites[r]).Count() < 2) continue;
            compiled++;
            foreach (var col in table.NumericColumns)
                Assert.Equal(table.Numeric(col)[r], m.Table.Numeric(col)[k]);
        }
        Assert.True(compiled >= 30, $"{compiled} compiled rows checked");
    }
}
