using System.Text;
using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Geochemistry;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Geochemistry;

/// <summary>
/// The parallel reader (file split in parts at record boundaries, parts decoded and parsed on their own threads)
/// must give exactly the sequential reader's table and report. Small parts put split points everywhere: inside
/// quoted fields with line breaks, between CR and LF, in Latin-1 and multi-byte UTF-8 text.
/// </summary>
public class ParallelTableReaderTests(ITestOutputHelper output)
{
    private const string Header = "Sample,Latitude,Longitude,SiO2,MgO,Na2O,Comment";

    /// <summary>Rows with a multi-line quoted comment every 3rd row, a bad number every 97th, no location every 89th.</summary>
    private static string Table(int rows, string newline, string comment = "basalt")
    {
        var sb = new StringBuilder(Header).Append(newline);
        for (int i = 0; i < rows; i++)
        {
            string lat = i % 89 == 5 ? "" : (-50 + i % 40 * 0.5).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
            string sio2 = i % 97 == 3 ? "bad" : (48 + i % 7 * 0.31).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
            string note = i % 3 == 0 ? $"\"{comment} {i},{newline}second \"\"line\"\"\"" : $"{comment} {i}";
            sb.Append($"S{i},{lat},{70 + i % 30 * 0.25:F2},{sio2},{7.5 + i % 5 * 0.1:F1},< 0.5,{note}").Append(newline);
        }
        return sb.ToString();
    }

    private static GeochemTable? Parallel(byte[] bytes, int threads, long minThreadBytes, int windowBytes = ParallelReadSettings.DefaultWindowBytes,
        int partsPerThread = 1) =>
        ParallelTableReader.TryRead(new MemoryStream(bytes), new ReaderOptions { SourceName = "t.csv" },
            new ParallelReadSettings(minThreadBytes, threads, windowBytes, partsPerThread));

    private static GeochemTable Sequential(byte[] bytes) =>
        GeochemTableReader.Read(TextDecoding.Decode(bytes), new ReaderOptions { SourceName = "t.csv" });

    private static void AssertSame(GeochemTable expected, GeochemTable actual)
    {
        Assert.Equal(expected.Report.ToJson(), actual.Report.ToJson());
        Assert.Equal(expected.Table.Columns, actual.Table.Columns);
        Assert.Equal(expected.Table.RowCount, actual.Table.RowCount);
        foreach (var c in expected.Table.Columns)
        {
            if (expected.Table.HasNumeric(c)) Assert.Equal(expected.Table.Numeric(c), actual.Table.Numeric(c));
            else Assert.Equal(expected.Table.Text(c), actual.Table.Text(c));
        }
    }

    [Theory]
    [InlineData("\r\n", 2, ParallelReadSettings.DefaultWindowBytes, 1)]
    [InlineData("\n", 3, ParallelReadSettings.DefaultWindowBytes, 1)]
    [InlineData("\r", 2, ParallelReadSettings.DefaultWindowBytes, 1)] // old GEOROC files: CR only
    [InlineData("\r\n", 2, 97, 1)] // windows end anywhere too: inside records, quoted fields, CR/LF pairs
    [InlineData("\r", 3, 1000, 1)]
    [InlineData("\r\n", 2, ParallelReadSettings.DefaultWindowBytes, 8)] // parts taken in turn by the threads
    [InlineData("\r", 3, 1000, 5)]
    public void SplitAnywhere_GivesTheSequentialResult(string newline, int threads, int windowBytes, int partsPerThread)
    {
        // Row counts that move the split points (at 1/parts of the bytes) through quoted fields, CR/LF pairs and record starts.
        // (The first part holds at least the 64 Ki characters the delimiter detection may look at.)
        int parts = threads * partsPerThread;
        for (int rows = 1600 * parts; rows < 1600 * parts + 40; rows++)
        {
            var bytes = Encoding.UTF8.GetBytes(Table(rows, newline));
            var expected = Sequential(bytes);
            var actual = Parallel(bytes, threads, 1000, windowBytes, partsPerThread);
            Assert.NotNull(actual);
            AssertSame(expected, actual);
            Assert.Contains(expected.Report.Issues, i => i.Line > 2000 && i.Kind == "non-numeric cell");
        }
        output.WriteLine($"40 files of {1600 * parts}-{1600 * parts + 39} rows split in {parts} parts for {threads} threads, " +
            $"{windowBytes}-byte windows: same table and report");
    }

    [Fact]
    public void IssueLinesInLaterParts_CountLinesInsideQuotedFields()
    {
        var bytes = Encoding.UTF8.GetBytes(Table(3000, "\r\n"));
        var actual = Parallel(bytes, 2, 1000)!;
        // Row i starts on line 2 + i + (rows before it with a two-line comment: every 3rd).
        var issue = actual.Report.Issues.Last(i => i.Kind == "non-numeric cell");
        Assert.Contains(Enumerable.Range(0, 3000), i => i % 97 == 3 && 2 + i + (i + 2) / 3 == issue.Line);
        Assert.True(issue.Line > 2000, $"the last listed issue (line {issue.Line}) is in the second part");
    }

    [Fact]
    public void Latin1AndMultiByteUtf8_DecodeAsTheSequentialReader()
    {
        string text = Table(20000, "\n", "Ségur 25°S");
        var latin1 = Encoding.Latin1.GetBytes(text);
        var utf8Bom = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        foreach (var bytes in new[] { latin1, utf8Bom, Encoding.UTF8.GetBytes(text) })
        {
            // Over 1 MiB: UTF-8 sequences cut by the reading chunks, and 3 parts.
            Assert.True(bytes.Length > 1 << 20);
            foreach (int windowBytes in new[] { ParallelReadSettings.DefaultWindowBytes, 1001 }) // windows cut UTF-8 sequences too
            {
                var actual = Parallel(bytes, 3, 1000, windowBytes);
                Assert.NotNull(actual);
                AssertSame(Sequential(bytes), actual);
                Assert.Equal("Ségur 25°S 19999", actual.Table.Text("comment")[^1]);
            }
        }
    }

    [Fact]
    public void Utf16_IsLeftToTheSequentialReader()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Table(500, "\r\n"))).ToArray();
        Assert.Null(Parallel(bytes, 2, 1000));
        using var stream = new MemoryStream(bytes);
        AssertSame(Sequential(bytes), GeochemTableReader.Read(stream, new ReaderOptions { SourceName = "t.csv" }));
    }

    [Fact]
    public void StrayQuoteInUnquotedCell_FallsBackOrAgrees()
    {
        // A quote inside an unquoted cell (12" core) is text, but it flips the quote parity of the split search.
        string text = Table(2000, "\n").Replace("basalt 7,", "basalt 7 12\" core,");
        var bytes = Encoding.UTF8.GetBytes(text);
        var expected = Sequential(bytes);
        var parallel = Parallel(bytes, 2, 1000);
        if (parallel is not null) AssertSame(expected, parallel);
        using var stream = new MemoryStream(bytes);
        AssertSame(expected, GeochemTableReader.Read(stream, new ReaderOptions { SourceName = "t.csv" }));
        output.WriteLine(parallel is null ? "split rejected: read sequentially" : "split accepted");
    }

    [Theory]
    [InlineData(0.25, 1)]
    [InlineData(0.75, 1)]
    [InlineData(0.6, 4)] // in a middle part: the parts after it are not read
    public void TrailingBlock_EndsTheTableInEitherPart(double at, int partsPerThread)
    {
        var lines = Table(3000 * partsPerThread, "\n").Split('\n').ToList();
        lines.Insert((int)(lines.Count * at), "References:,,,");
        lines.Insert((int)(lines.Count * at) + 1, "1,Smith et al. 2001,,");
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines));
        var actual = Parallel(bytes, 2, 1000, partsPerThread: partsPerThread);
        Assert.NotNull(actual);
        AssertSame(Sequential(bytes), actual);
        Assert.NotNull(actual.Report.TrailingBlockLine);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void UnitsRow_AppliesToEveryPart(int partsPerThread)
    {
        string text = Table(3000 * partsPerThread, "\n");
        text = text.Insert(text.IndexOf('\n') + 1, ",,,wt%,wt%,ppm,\n"); // Na2O in ppm: divided by 10,000
        var bytes = Encoding.UTF8.GetBytes(text);
        var actual = Parallel(bytes, 2, 1000, partsPerThread: partsPerThread);
        Assert.NotNull(actual);
        AssertSame(Sequential(bytes), actual);
        Assert.Contains(actual.Report.Notes, n => n.Contains("units row"));
    }

    [Fact]
    public void RecordLongerThanAWindow_IsReadWhole()
    {
        // A 27,500-character quoted comment with line breaks in the second part: the window grows to hold it.
        string text = Table(3000, "\n");
        int at = text.IndexOf("S2500,", StringComparison.Ordinal);
        text = text.Insert(text.IndexOf(",basalt", at, StringComparison.Ordinal) + 1, "\"" + string.Concat(Enumerable.Repeat("long\nnote, ", 2500)) + "\" ");
        var bytes = Encoding.UTF8.GetBytes(text);
        var actual = Parallel(bytes, 2, 1000, 500);
        Assert.NotNull(actual);
        AssertSame(Sequential(bytes), actual);
        Assert.Contains(actual.Table.Text("comment"), c => c is { Length: > 27000 });
    }

    [Fact]
    public void WindowsOfTheFirstPart_GrowUntilTheHeaderSearchEnds()
    {
        // A long preamble: the header is found only once the first part's window holds the rows the search looks at.
        var preamble = string.Concat(Enumerable.Range(0, 20).Select(i => $"Title line {i},{new string('x', 5000)}\n"));
        var bytes = Encoding.UTF8.GetBytes(preamble + Table(3000, "\n"));
        var actual = Parallel(bytes, 2, 1000, 300);
        Assert.NotNull(actual);
        AssertSame(Sequential(bytes), actual);
        Assert.Equal(21, actual.Report.HeaderLine);
    }

    [Fact]
    public void LineBreaks_CountedOnBytes_AsInTheText()
    {
        foreach (var text in new[] { "a\r\nb\rc\n\n", "\r\r", "\n\r\n", "x\r\n\r\n", "é\r\n\r\r\n°\n", "a\nb" })
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var source = ByteSource.For(new MemoryStream(bytes))!;
            // Chunks of 1 to 3 bytes put CR/LF pairs across chunk ends; 2 to 4 parts put them next to split points.
            int splits = 0;
            for (int chunk = 1; chunk <= 3; chunk++)
                for (int parts = 2; parts <= 4; parts++)
                {
                    if (TextParts.Find(source, 0, bytes.Length, parts, chunk) is not { } split) continue; // no split point
                    splits++;
                    Assert.Equal(GeochemTableReader.LineBreaks(text), split.Breaks.Sum());
                    for (int k = 0; k < split.Breaks.Length; k++)
                    {
                        var part = Encoding.UTF8.GetString(bytes[(int)split.Bounds[k]..(int)split.Bounds[k + 1]]);
                        Assert.Equal(GeochemTableReader.LineBreaks(part), split.Breaks[k]);
                    }
                    Assert.Equal(text[^1] is '\n' or '\r', split.EndsWithBreak);
                }
            Assert.True(splits > 0, text);
        }
    }

    [Fact]
    public void SmallFile_IsNotSplit()
    {
        var bytes = Encoding.UTF8.GetBytes(Table(100, "\n"));
        Assert.Null(ParallelTableReader.TryRead(new MemoryStream(bytes), new ReaderOptions(), ParallelReadSettings.Default));
    }
}
