using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Geochemistry;
using GisBridge.Tests.Support;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Geochemistry;

/// <summary>Issue 17, item 1: merging by a stated method priority, each value's source row recorded, and the
/// same sample found across sources.</summary>
public class PrioritySampleMergerTests(ITestOutputHelper output)
{
    [Fact]
    public void IsotopesComeFromTheLatestPaperMajorsFromGlassAndEachValueNamesItsRow()
    {
        var t = new SampleTable(4);
        t.SetText("sample_id", ["D1 [10]", "D1 [20]", "D1 [30]", "X [10]"]);
        t.SetText("citations", ["[10]", "[20]", "[30]", "[10]"]);
        t.SetText("material", ["GL [10]", "WR [20]", "WR [30]", "WR [10]"]);
        t.SetNumeric("sr87_sr86", [0.7030, 0.7040, double.NaN, 0.7050]);
        t.SetNumeric("mgo", [7.0, 8.0, 9.0, 6.0]);
        t.SetNumeric("la", [1.0, 2.0, 3.0, 4.0]);
        var years = new Dictionary<string, int> { ["10"] = 1985, ["20"] = 2011, ["30"] = 2020 };
        var m = PrioritySampleMerger.Merge(t, new MergePriorityOptions { CitationYears = years });
        Assert.Equal(2, m.Table.RowCount);
        Assert.Equal(0.7040, m.Table.Numeric("sr87_sr86")[0]); // 2011 beats 1985; the 2020 paper has none
        Assert.Equal(7.0, m.Table.Numeric("mgo")[0]);          // glass before whole rock, though older
        Assert.Equal(3.0, m.Table.Numeric("la")[0]);           // most recent
        Assert.Equal(3.0, m.Table.Numeric("merged_rows")[0]);
        Assert.Equal("row 1: mgo; row 2: sr87_sr86; row 3: la", m.Table.Text("value_sources")[0]);
        Assert.Contains(new MergedValueSource(0, "sr87_sr86", 1), m.Sources);
        Assert.Null(m.Table.Text("value_sources")[1]);
        Assert.Equal("GL [10] | WR [20] | WR [30]", m.Table.Text("material")[0]);
    }

    [Fact]
    public void GeorocReferenceYearsAreReadFromTheTrailingBlock()
    {
        var text = File.ReadAllText(SharedData.Path("geochem", "georoc", "KERGUELEN_PLATEAU.csv"), System.Text.Encoding.Latin1);
        var years = GeorocReferences.Years(text);
        output.WriteLine($"{years.Count} references with a year");
        // "[1010] SALTERS V. J. M., STOREY M., ... [1992] ..." and "[531] MAHONEY J. J., ... CHEM. GEOL. 120 [1995] 315-345".
        Assert.Equal(1992, years["1010"]);
        Assert.Equal(1995, years["531"]);
        Assert.True(years.Count >= 25);
        Assert.Equal(["7525", "14756", "14785"], GeorocReferences.Ids("[7525][14756][14785]"));
    }

    [Fact]
    public void TheSameSampleIsFoundAcrossSourcesByIgsnOrNameAndLocation()
    {
        var t = new SampleTable(6);
        t.SetText("source", ["petdb", "petdb", "petdb", "georoc", "georoc", "georoc"]);
        t.SetText("sample_id", ["EN061-4D-1", "KN162-9", "A1", "s_EN061 4D-1 [995]", "KN162-9 [12]", "B7"]);
        t.SetText("igsn", ["", "", "IEABC0001", "", "", "ieabc0001"]);
        t.SetNumeric(SampleTable.Longitude, [10, 20, 30, 10.01, 25, 60]);
        t.SetNumeric(SampleTable.Latitude, [-40, -41, -42, -40, -41, -50]);
        var d = CrossSourceDuplicates.Find(t, "source", ["petdb", "georoc"], toleranceKm: 5);
        // Rows 0 and 3: same name once normalised, 0.85 km apart (0.01 deg of longitude at 40 S); rows 1 and 4:
        // same name but 420 km apart (not one sample); rows 2 and 5: same IGSN.
        Assert.Contains(d.Pairs, p => p is { RowA: 0, RowB: 3, Match: DuplicateMatch.Name });
        Assert.Contains(d.Pairs, p => p is { RowA: 2, RowB: 5, Match: DuplicateMatch.Igsn });
        Assert.DoesNotContain(d.Pairs, p => p.RowA == 1 && p.RowB == 4);
        Assert.Equal(0.01 * Math.PI / 180 * 6371.0088 * Math.Cos(40 * Math.PI / 180), d.Pairs.Single(p => p.RowA == 0).DistanceKm, 3);
        Assert.Equal([3, 5], d.Dropped); // the earlier source's rows are kept
        var reversed = CrossSourceDuplicates.Find(t, "source", ["georoc", "petdb"], toleranceKm: 5);
        Assert.Equal([0, 2], reversed.Dropped);
    }
}
