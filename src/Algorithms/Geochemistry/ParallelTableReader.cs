namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// Reads a large table file in parts on several cores with exactly the sequential reader's result. The bytes are
/// split at record boundaries (<see cref="TextParts"/>); every part is decoded by its own thread, a window at a
/// time (<see cref="TextWindow"/>), after counting its line breaks on the bytes. The first part
/// decides the plan (delimiter, header, columns, a units row), then every part parses its records into the same
/// column buffers at its own row offset, with its own line numbers and report; the parts' rows and reports are
/// then joined in file order. A split point is trusted only when the part before it ends with a complete record
/// (no quote left open); otherwise, and whenever the first part cannot decide the plan alone, the caller reads
/// the file sequentially (null is returned).
/// </summary>
internal static class ParallelTableReader
{
    private sealed record Start(TablePlan Plan, TableColumns Columns, int[] FirstRows, int[] FirstLines);

    private sealed record PartResult(TableColumns Columns, ImportReport Report, RecordsEnd End, bool EndedWithLineBreak);

    public static GeochemTable? TryRead(Stream stream, ReaderOptions options, ParallelReadSettings settings)
    {
        if (settings.MaxParts < 2 || !stream.CanSeek) return null;
        long start = stream.Position, length = stream.Length - start;
        int parts = (int)Math.Min(settings.MaxParts, length / Math.Max(1, settings.MinPartBytes));
        if (parts < 2 || ByteSource.For(stream) is not { } source) return null;
        var split = TextParts.Find(source, start, length, parts);
        var table = split is null ? null : Read(source, split, options, settings.WindowBytes);
        // As after a sequential read; back at the start for the sequential reader when the parts were given up.
        stream.Position = table is null ? start : stream.Length;
        return table;
    }

    private static GeochemTable? Read(ByteSource source, TextParts.Split split, ReaderOptions options, int windowBytes)
    {
        int n = split.Bounds.Length - 1;
        var counted = new TaskCompletionSource<(int Breaks, bool EndsWithBreak)>[n];
        for (int k = 0; k < n; k++) counted[k] = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource<Start?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = new Task<PartResult?>[n - 1];
        for (int k = 1; k < n; k++)
        {
            int part = k;
            workers[k - 1] = Task.Factory.StartNew(() => ReadPart(source, split, part, counted[part], started.Task, options, windowBytes),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        GeochemTable? table = null;
        try
        {
            table = ReadFirstPart(source, split, counted, started, options, workers, windowBytes);
        }
        finally
        {
            started.TrySetResult(null); // releases the workers when the first part gave up or failed
            try
            {
                Task.WaitAll(workers);
            }
            catch (AggregateException) when (table is null)
            {
                // The first part already failed or gave up; its outcome is the one reported.
            }
        }
        return table;
    }

    private static GeochemTable? ReadFirstPart(ByteSource source, TextParts.Split split,
        TaskCompletionSource<(int Breaks, bool EndsWithBreak)>[] counted, TaskCompletionSource<Start?> started,
        ReaderOptions options, Task<PartResult?>[] workers, int windowBytes)
    {
        var window = new TextWindow(source, split.Bounds[0], split.Bounds[1], split.Encoding, windowBytes);
        // The plan must come from text the sequential reader would see the same way: a delimiter sample and a
        // header search inside the first part, and some content in it. The window grows until it holds them.
        while ((window.Text.Length < CsvTokenizer.DelimiterSample || window.Text.Span.Trim("\uFEFF \t\r\n").IsEmpty) && window.Advance(0)) { }
        if (window.Text.Length < CsvTokenizer.DelimiterSample && options.Delimiter is null || window.Text.Span.Trim("\uFEFF \t\r\n").IsEmpty) return null;
        ImportReport report;
        TablePlan? plan;
        do
        {
            report = new ImportReport { File = options.SourceName };
            plan = PlanOf(window.Text, options, report);
            // No header, or the header search reached the window's end: a longer text could change the header.
        } while ((plan is null || plan.HeaderSearchedToEnd) && window.Advance(0));
        if (plan is null || plan.HeaderSearchedToEnd) return null; // the sequential reader decides (or gives the error)

        int n = counted.Length;
        var breaks = new int[n];
        breaks[0] = TextParts.CountLineBreaks(source, split.Bounds[0], split.Bounds[1]).Breaks;
        for (int k = 1; k < n; k++) breaks[k] = counted[k].Task.GetAwaiter().GetResult().Breaks;
        bool endsWithBreak = counted[n - 1].Task.GetAwaiter().GetResult().EndsWithBreak;
        var firstRows = new int[n];
        var firstLines = new int[n];
        firstLines[0] = 1;
        firstRows[1] = Math.Max(0, breaks[0] - plan.HeaderLine);
        firstLines[1] = 1 + breaks[0];
        for (int k = 2; k < n; k++)
        {
            firstRows[k] = firstRows[k - 1] + breaks[k - 1];
            firstLines[k] = firstLines[k - 1] + breaks[k - 1];
        }
        int capacity = firstRows[n - 1] + breaks[n - 1] + (endsWithBreak ? 0 : 1);

        if (!TableColumns.HasCoordinateSpecs(plan.Specs)) return null; // the sequential reader names what is missing
        var columns = GeochemTableReader.Columns(plan, capacity, options, report);
        var tokenizer = GeochemTableReader.AfterHeader(window.Text, plan, window.Final);
        var end = ReadRecords(window, tokenizer, plan, columns, report, firstData: true, stopAfterFirstData: true);
        if (end == RecordsEnd.TextEnd) return null; // no data record in the first part: the sequential reader decides
        if (end == RecordsEnd.FirstData)
        {
            started.SetResult(new Start(plan, columns, firstRows, firstLines));
            end = ReadRecords(window, tokenizer, plan, columns, report, firstData: false, stopAfterFirstData: false);
        }
        bool endedWithLineBreak = tokenizer.RecordEndedWithLineBreak;
        for (int k = 1; k < n && end != RecordsEnd.TrailingBlock; k++)
        {
            if (!endedWithLineBreak) return null; // the split point was inside a record: read sequentially
            var part = workers[k - 1].GetAwaiter().GetResult()!;
            columns.Append(part.Columns);
            report.Append(part.Report);
            (end, endedWithLineBreak) = (part.End, part.EndedWithLineBreak);
        }
        return GeochemTableReader.Finish(plan, columns, report);
    }

    /// <summary>The plan, or null where the text has no header the reader recognises.</summary>
    private static TablePlan? PlanOf(ReadOnlyMemory<char> text, ReaderOptions options, ImportReport report)
    {
        try
        {
            return GeochemTableReader.Plan(text, options, report);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// <see cref="GeochemTableReader.ReadRecords"/> over a part's windows: where a window is used up, the record cut
    /// by its end is read again from the next window. Ends as on the whole part's text.
    /// </summary>
    private static RecordsEnd ReadRecords(TextWindow window, CsvTokenizer tokenizer, TablePlan plan, TableColumns columns,
        ImportReport report, bool firstData, bool stopAfterFirstData)
    {
        while (true)
        {
            // firstData stays as given until a data record or units row is read, and that returns FirstData.
            var end = GeochemTableReader.ReadRecords(tokenizer, plan, columns, report, firstData, stopAfterFirstData);
            if (end != RecordsEnd.TextEnd || !window.Advance(tokenizer.Position)) return end;
            tokenizer.Continue(window.Text, window.Final);
        }
    }

    private static PartResult? ReadPart(ByteSource source, TextParts.Split split, int part,
        TaskCompletionSource<(int Breaks, bool EndsWithBreak)> counted, Task<Start?> started, ReaderOptions options, int windowBytes)
    {
        try
        {
            counted.SetResult(TextParts.CountLineBreaks(source, split.Bounds[part], split.Bounds[part + 1]));
        }
        catch (Exception e)
        {
            counted.SetException(e);
            throw;
        }
        if (started.Result is not { } start) return null;
        var report = new ImportReport { File = options.SourceName };
        var columns = start.Columns.Part(start.FirstRows[part], report);
        var window = new TextWindow(source, split.Bounds[part], split.Bounds[part + 1], split.Encoding, windowBytes);
        window.Advance(0);
        var tokenizer = new CsvTokenizer(window.Text, start.Plan.Delimiter, start.FirstLines[part], skipByteOrderMark: false, window.Final);
        var end = ReadRecords(window, tokenizer, start.Plan, columns, report, firstData: false, stopAfterFirstData: false);
        return new PartResult(columns, report, end, tokenizer.RecordEndedWithLineBreak);
    }
}
