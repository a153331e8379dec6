using GisBridge.Algorithms.Geochemistry;
using GisBridge.Server.Io.Sep;

namespace GisBridge.Server.Tests.Io.Sep;

/// <summary>Reader quirks, each on a small inline table.</summary>
public class GeochemTableReaderTests
{
    private const string GeorocHeader =
        "\"CITATIONS\",\"LATITUDE MIN\",\"LATITUDE MAX\",\"LONGITUDE MIN\",\"LONGITUDE MAX\",\"SAMPLE NAME\",\"ROCK NAME\",\"SIO2(WT%)\",\"MGO(WT%)\",\"LA(PPM)\",\"SR87_SR86\",";

    private static string Georoc(params string[] rows) =>
        GeorocHeader + "\r" + string.Join("\r", rows) + "\r\rAbbreviations: VOL: VOLCANIC ROCK;\r\rReferences:\r\r\"[6370] JOHNSON K. T. M.: BOOMERANG SEAMOUNT, 77\u00b0E\"\r";

    [Fact]
    public void Georoc_CrEndings_Citations_Zeros_MinMax_ReferencesBlock()
    {
        var csv = Georoc(
            "\"[6370]\",\"-37.7\",\"-37.9\",\"77.8\",\"78.0\",\"s_WC44A [6370]\",\"BASALT [6370]\",\"50.73\",\"0\",\"20.4\",\"0.70381\",",
            "\"[6370]\",\"-38\",\"-38\",\"78\",\"78\",\"s_WC45 [6370]\",\"BASALT [20965]\",\"51\",\"7.5\",\"0\",\"0\",");
        var r = GeochemTestData.ReadText(csv);
        var t = r.Table;
        Assert.Equal(TableFormat.Georoc, r.Format);
        Assert.Equal(2, t.RowCount);
        Assert.Equal(-37.8, t.Numeric("latitude")[0], 12);
        Assert.Equal(77.9, t.Numeric("longitude")[0], 12);
        Assert.Equal("s_WC44A", t.Text("sample_id")[0]);
        Assert.Equal("BASALT", t.Text("rock_name")[1]);
        Assert.Equal("[6370]", t.Text("citations")[0]);
        Assert.True(double.IsNaN(t.Numeric("mgo")[0]));    // 0 = not detected
        Assert.Equal(7.5, t.Numeric("mgo")[1]);
        Assert.True(double.IsNaN(t.Numeric("la")[1]));
        Assert.True(double.IsNaN(t.Numeric("sr87_sr86")[1]));
        Assert.Equal(3, r.Report.ZeroAsMissingCells);
        Assert.Equal(2, r.Report.RowsRead);
        Assert.Equal(0, r.Report.RowsDroppedTotal);
        Assert.NotNull(r.Report.TrailingBlockLine);
        Assert.Contains(r.Report.ColumnsIgnored, c => c.Reason == "empty header");
    }

    [Fact]
    public void GeorocNewSpellings_AndAlternativeValues_FillGaps()
    {
        var csv = "LATITUDE (MIN.),LATITUDE (MAX.),LONGITUDE (MIN.),LONGITUDE (MAX.),LA(PPM),LA(PPM): altern. values or methods,YB(PPB)\n" +
                  "10,12,20,22,5.5,6.0,1500\n10,10,20,20,,4.2,\n";
        var r = GeochemTestData.ReadText(csv);
        Assert.Equal(TableFormat.Georoc, r.Format);
        Assert.Equal([5.5, 4.2], r.Table.Numeric("la"));
        Assert.Equal(11, r.Table.Numeric("latitude")[0]);
        Assert.Equal(1.5, r.Table.Numeric("yb")[0], 12); // ppb -> ppm
        Assert.Contains(r.Report.ColumnsMapped, m => m.From == "YB(PPB)" && m.To == "yb" && m.Unit == "ppm" && m.SourceUnit == "ppb" && m.Scale == 1e-3);
    }

    [Theory]
    [InlineData(BelowDetectionPolicy.Missing, double.NaN)]
    [InlineData(BelowDetectionPolicy.HalfLimit, 0.1)]
    public void BelowDetection_FollowsThePolicy(BelowDetectionPolicy policy, double expected)
    {
        var r = GeochemTestData.ReadText("lat,lon,Nb,Zr\n1,2,< 0.2,bdl\n1,2,3,4\n", new ReaderOptions { BelowDetection = policy });
        Assert.Equal(expected, r.Table.Numeric("nb")[0]);
        Assert.True(double.IsNaN(r.Table.Numeric("zr")[0])); // bdl without a limit stays missing under both policies
        Assert.Equal(2, r.Report.BelowDetectionCells);
    }

    [Fact]
    public void Longitudes0To360_AreMovedToPlusMinus180()
    {
        var r = GeochemTestData.ReadText("Latitude,Longitude,MgO\n-30,346.245,7\n-30,-13.755,7\n10,180,7\n");
        Assert.Equal(-13.755, r.Table.Numeric("longitude")[0], 9);
        Assert.Equal(-13.755, r.Table.Numeric("longitude")[1], 9);
        Assert.Equal(180, r.Table.Numeric("longitude")[2]);
    }

    [Fact]
    public void MinMaxLongitudes_AcrossTheAntimeridian_AverageTo180()
    {
        var r = GeochemTestData.ReadText("LATITUDE MIN,LATITUDE MAX,LONGITUDE MIN,LONGITUDE MAX,MGO(WT%)\n-10,-10,179,-179,8\n-10,,170,,8\n");
        Assert.Equal(180, Math.Abs(r.Table.Numeric("longitude")[0]), 9);
        Assert.Equal(170, r.Table.Numeric("longitude")[1]); // one of MIN/MAX is enough
        Assert.Equal(-10, r.Table.Numeric("latitude")[1]);
    }

    [Fact]
    public void PetdbPreambleRows_AreSkipped_AndReported()
    {
        var csv = "EarthChem Portal search results\nDownloaded 2024-01-01,,\n\nSAMPLE ID,LATITUDE,LONGITUDE,SIO2,MGO,FEOT,NA2O\nA1,-40,80,50.1,< 0.2,9.5,2.9\n";
        var r = GeochemTestData.ReadText(csv);
        Assert.Equal(TableFormat.Petdb, r.Format);
        Assert.Equal(4, r.Report.HeaderLine);
        Assert.Equal(3, r.Report.PreambleRows);
        Assert.Equal(1, r.Table.RowCount);
        Assert.Equal(9.5, r.Table.Numeric("feot")[0]);
        Assert.Equal("A1", r.Table.Text("sample_id")[0]);
    }

    [Fact]
    public void UnitsRowUnderTheHeader_ConvertsValues()
    {
        var r = GeochemTestData.ReadText("LATITUDE,LONGITUDE,LA,MGO\ndeg,deg,ppb,wt%\n1,2,2500,7\n");
        Assert.Equal(2.5, r.Table.Numeric("la")[0], 12);
        Assert.Equal(1, r.Table.RowCount);
    }

    [Fact]
    public void Utf7EscapesInTextCells_AreDecoded()
    {
        var r = GeochemTestData.ReadText("Province,Author,Latitude,Longitude,SiO2,MgO,TiO2,87Sr/86Sr\nSEIR1,PETRINI/1988+ADs-BRUECKNER/1988,-40,80,50,7,1.5,0.7031\n");
        Assert.Equal("PETRINI/1988;BRUECKNER/1988", r.Table.Text("author")[0]);
    }

    [Fact]
    public void Utf7LookalikeInGeorocTextCell_StaysAsWritten()
    {
        var r = GeochemTestData.ReadText(Georoc(
            "\"[6370]\",\"-38\",\"-38\",\"78\",\"78\",\"s_+OLA-1 [6370]\",\"BASALT [6370]\",\"51\",\"7.5\",\"20\",\"0.7031\","));
        Assert.Equal(TableFormat.Georoc, r.Format);
        Assert.Equal("s_+OLA-1", r.Table.Text("sample_id")[0]);
    }

    [Fact]
    public void Utf7LookalikeInGenericCsvTextCell_StaysAsWritten()
    {
        var r = GeochemTestData.ReadText("sample,lat,lon,SiO2,MgO\n+OLA-,-40,80,50,7\n");
        Assert.Equal(TableFormat.Csv, r.Format);
        Assert.Equal("+OLA-", r.Table.Text("sample_id")[0]);
    }

    [Fact]
    public void ZeroIsotopeRatio_IsMissingInAnyFormat_ButZeroOxideIsKeptOutsideGeoroc()
    {
        var r = GeochemTestData.ReadText("lat,lon,K2O,87Sr/86Sr\n1,2,0,0\n1,2,0.1,0.7031\n");
        Assert.Equal(TableFormat.Csv, r.Format);
        Assert.Equal(0, r.Table.Numeric("k2o")[0]);
        Assert.True(double.IsNaN(r.Table.Numeric("sr87_sr86")[0]));
    }

    [Fact]
    public void SeveralRowsPerSample_StayRowsByDefault()
    {
        var r = GeochemTestData.ReadText("Sample,lat,lon,MgO\nX,1,2,7\nX,1,2,8\n");
        Assert.Equal(2, r.Table.RowCount);
    }

    [Fact]
    public void UnknownColumns_AreKept_TypedByTheirCells_EmptyOnesReported()
    {
        var r = GeochemTestData.ReadText("lat,lon,MgO,Cruise,Depth (m),Empty\n1,2,7,KN162,-2500,\n1,2,8,KN162,n.d.,\n");
        Assert.Equal(new string?[] { "KN162", "KN162" }, r.Table.Text("cruise"));
        Assert.Equal(-2500, r.Table.Numeric("depth_m")[0]);
        Assert.False(r.Table.HasNumeric("empty") || r.Table.HasText("empty"));
        Assert.Contains(r.Report.ColumnsIgnored, c => c.Name == "Empty" && c.Reason.Contains("no values"));
    }

    [Fact]
    public void Report_ListsRowsReadKeptDroppedAndColumns()
    {
        var r = GeochemTestData.ReadText("lat,lon,MgO,Na2O\n1,2,7,3\n,,7,3\n95,2,7,3\n");
        var rep = r.Report;
        Assert.Equal(3, rep.RowsRead);
        Assert.Equal(1, rep.RowsKept);
        Assert.Equal(1, rep.RowsDropped["no latitude/longitude"]);
        Assert.Equal(1, rep.RowsDropped["latitude outside -90..90"]);
        Assert.Contains(rep.ColumnsMapped, m => m.From == "MgO" && m.To == "mgo" && m.Unit == "wt%");
        Assert.Contains(rep.Issues, i => i.Line == 3 && i.Reason.Contains("no latitude/longitude"));
        var json = rep.ToJson();
        Assert.Contains("\"rows_read\": 3", json);
        Assert.Contains("\"columns_mapped\"", json);
    }

    [Fact]
    public void ReportJson_IsSnakeCase_LeavesNullsOut_AndWritesTheSameInsideAnotherDocument()
    {
        var rep = GeochemTestData.ReadText("lat,lon,MgO\n1,2,7\n,,7\n").Report;
        using var indented = System.Text.Json.JsonDocument.Parse(rep.ToJson());
        var root = indented.RootElement;
        Assert.Equal(2, root.GetProperty("rows_read").GetInt32());
        Assert.Equal(1, root.GetProperty("rows_dropped_total").GetInt32());
        Assert.False(root.TryGetProperty("trailing_block_line", out _)); // null: left out
        Assert.Contains(root.GetProperty("columns_mapped").EnumerateArray(), m => m.GetProperty("source_unit").ValueKind == System.Text.Json.JsonValueKind.String);
        Assert.DoesNotContain(root.GetProperty("columns_mapped").EnumerateArray(), m => m.TryGetProperty("note", out var n) && n.ValueKind == System.Text.Json.JsonValueKind.Null);

        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
            rep.WriteJson(writer);
        string compact = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        Assert.DoesNotContain("\n", compact);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(root), compact);
    }

    [Fact]
    public void Latin1Bytes_AreDecodedWhenNotUtf8()
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes("lat,lon,Location,MgO\n1,2,77\u00b0E,7\n");
        var r = GeochemCsvReader.Read(new MemoryStream(bytes), new ReaderOptions());
        Assert.Equal("77\u00b0E", r.Table.Text("location")[0]);
    }
}
