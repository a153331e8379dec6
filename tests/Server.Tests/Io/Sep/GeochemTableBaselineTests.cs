using System.Security.Cryptography;
using System.Text;
using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Geochemistry;
using GisBridge.Server.Io.Sep;
using GisBridge.Server.Tests.Support;
using GisBridge.Tests.Support;
using Xunit.Abstractions;

namespace GisBridge.Server.Tests.Io.Sep;

/// <summary>
/// Every geochemical CSV of ../shared/data and samples/ parses to the same table as it did with the home-made CSV
/// reader at commit 8f15a68 (before the move to Sep): counts, column mapping and a SHA-256 of every parsed cell.
/// The expected values are that reader's output, recorded once: this test guards the change of CSV engine.
/// </summary>
public class GeochemTableBaselineTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("shared", "Gale_2013_MOR_Sample_Data.csv", 3218, 3218, 0, "cde3960fb1113fd9")]
    [InlineData("shared", "georoc/KERGUELEN_PLATEAU.csv", 651, 651, 0, "b870c02b65da3021")]
    [InlineData("shared", "georoc/WALVIS_RIDGE.csv", 236, 236, 0, "9105226f9997d902")]
    [InlineData("shared", "georoc/s_AMSTERDAM-ST_PAUL.csv", 15, 15, 0, "3171b3690f4d0577")]
    [InlineData("samples", "Gale_2013_MOR_Sample_Data.csv", 3218, 3218, 0, "cde3960fb1113fd9")]
    [InlineData("samples", "georoc/KERGUELEN_PLATEAU.csv", 651, 651, 0, "b870c02b65da3021")]
    [InlineData("samples", "georoc/WALVIS_RIDGE.csv", 236, 236, 0, "9105226f9997d902")]
    [InlineData("samples", "georoc/s_AMSTERDAM-ST_PAUL.csv", 15, 15, 0, "3171b3690f4d0577")]
    public void RealFile_ParsesToTheRecordedTable(string root, string name, int rowsRead, int rowsKept, int rowsDropped, string sha256)
    {
        var parts = name.Split('/');
        string path = root == "shared" ? SharedData.Path(["geochem", .. parts]) : RepoPaths.Sample(["geochem", .. parts]);
        var read = ReadFile(path);
        var report = read.Report;
        string fingerprint = Fingerprint(read);
        output.WriteLine($"{root}/{name}: read {report.RowsRead}, kept {report.RowsKept}, dropped {report.RowsDroppedTotal} " +
                         $"({string.Join(", ", report.RowsDropped.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}: {d.Value}"))}), sha256 {fingerprint}");
        Assert.Equal(rowsRead, report.RowsRead);
        Assert.Equal(rowsKept, report.RowsKept);
        Assert.Equal(rowsDropped, report.RowsDroppedTotal);
        Assert.Equal(sha256, fingerprint);
    }

    private static GeochemTable ReadFile(string path) =>
        GeochemCsvReader.ReadFile(path, new ReaderOptions { SourceName = Path.GetFileName(path) });

    /// <summary>SHA-256 (hex, first 16 chars) of the format, report counts, column mapping and every cell of the table.</summary>
    internal static string Fingerprint(GeochemTable read)
    {
        var text = new StringBuilder();
        var report = read.Report;
        text.Append($"format={read.Format};header={report.HeaderLine};preamble={report.PreambleRows};read={report.RowsRead};kept={report.RowsKept};");
        text.Append($"blank={report.BlankLinesSkipped};trailing={report.TrailingBlockLine};bdl={report.BelowDetectionCells};zero={report.ZeroAsMissingCells}\n");
        foreach (var (reason, count) in report.RowsDropped.OrderBy(d => d.Key, StringComparer.Ordinal)) text.Append($"drop {reason}={count}\n");
        foreach (var m in report.ColumnsMapped) text.Append($"map {m.From}->{m.To} {m.Unit} {m.SourceUnit} {m.Scale:R}\n");
        foreach (var c in report.ColumnsIgnored) text.Append($"ignore {c.Name}: {c.Reason}\n");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(text.ToString()));
        AppendCells(sha, read.Table);
        return Convert.ToHexString(sha.GetHashAndReset())[..16].ToLowerInvariant();
    }

    private static void AppendCells(IncrementalHash sha, SampleTable table)
    {
        foreach (var column in table.Columns)
        {
            sha.AppendData(Encoding.UTF8.GetBytes("\ncolumn " + column + "\n"));
            if (table.HasNumeric(column))
                foreach (double v in table.Numeric(column))
                    sha.AppendData(BitConverter.GetBytes(double.IsNaN(v) ? long.MinValue : BitConverter.DoubleToInt64Bits(v)));
            else
                foreach (string? s in table.Text(column))
                    sha.AppendData(Encoding.UTF8.GetBytes(s is null ? "\u0001" : s + "\u0000"));
        }
    }
}
