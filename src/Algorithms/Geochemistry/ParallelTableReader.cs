namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// Reads a large table file in parts on several cores with exactly the sequential reader's result. The bytes are
/// split at record boundaries into several parts per thread, and their line breaks counted, in one pass
/// (<see cref="TextParts"/>); a part is decoded a window at a time (<see cref="TextWindow"/>) by the thread that
/// takes it. The first thread decides the plan (delimiter, header, columns, a units row) on part 0, then every
/// thread takes the next part not yet taken and parses its records into the same column buffers at the part's own
/// row offset, with its own line numbers and report; the parts' rows and reports are then joined in file order.
/// A split point is trusted only when the part before it ends with a complete record (no quote left open);
/// otherwise, and whenever the first part cannot decide the plan alone, the caller reads the file sequentially
/// (null is returned).
/// </summary>
internal static class ParallelTableReader
{
    private sealed record Start(TablePlan Plan, TableColumns Columns, int[] FirstRows, int[] FirstLines);

    private sealed record PartResult(TableColumns Columns, ImportReport Report, RecordsEnd End, bool EndedWithLineBreak);

    public static GeochemTable? TryRead(Stream stream, ReaderOptions options, ParallelReadSettings settings)
    {
        if (settings.MaxThreads < 2 || !stream.CanSeek) return null;
        long start = stream.Position, length = stream.Length - start;
        int threads = (int)Math.Min(settings.MaxThreads, length / Math.Max(1, settings.MinThreadBytes));
        if (threads < 2 || ByteSource.For(stream) is not { } source) return null;
        var split = TextParts.Find(source, start, length, threads * Math.Max(1, settings.PartsPerThread));
        var table = split is null ? null : Read(source, split, options, settings.WindowBytes, threads);
        // As after a sequential read; back at the start for the sequential reader when the parts were given up.
        stream.Position = table is null ? start : stream.Length;
        return table;
    }

    /// <summary>The parts in file order, each taken by one thread (part 0 by the first).</summary>
    private sealed class PartQueue(int count)
    {
        private int _taken = 1;

        public int Count => count;

        public bool TryTake(out int part) => (part = Interlocked.Increment(ref _taken) - 1) < count;

        /// <summary>No part is taken any more (a trailing block ended the table: the parts after it are not needed).</summary>
        public void Close() => Interlocked.Exchange(ref _taken, count);
    }

    private static GeochemTable? Read(ByteSource source, TextParts.Split split, ReaderOptions options, int windowBytes, int threads)
    {
        var queue = new PartQueue(split.Bounds.Length - 1);
        var results = new PartResult?[queue.Count];
        var started = new TaskCompletionSource<Start?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = new Task[Math.Min(threads, queue.Count) - 1];
        for (int k = 0; k < workers.Length; k++)
            workers[k] = Task.Factory.StartNew(() => ReadParts(source, split, queue, results, started.Task, options, windowBytes),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        bool finished = false;
        try
        {
            var table = ReadFirstPart(source, split, queue, results, started, options, workers, windowBytes);
            finished = true;
            return table;
        }
        finally
        {
            started.TrySetResult(null); // releases the workers when the first part gave up or failed
            if (!finished)
            {
                try
                {
                    Task.WaitAll(workers);
                }
                catch (AggregateException)
                {
                    // The first thread already failed or gave up; its outcome is the one reported.
                }
            }
        }
    }

    private static GeochemTable? ReadFirstPart(ByteSource source, TextParts.Split split, PartQueue queue, PartResult?[] results,
        TaskCompletionSource<Start?> started, ReaderOptions options, Task[] workers, int windowBytes)
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

        int n = queue.Count;
        var breaks = split.Breaks;
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
        int capacity = firstRows[n - 1] + breaks[n - 1] + (split.EndsWithBreak ? 0 : 1);

        if (!TableColumns.HasCoordinateSpecs(plan.Specs)) return null; // the sequential reader names what is missing
        var columns = GeochemTableReader.Columns(plan, capacity, options, report);
        var tokenizer = GeochemTableReader.AfterHeader(window.Text, plan, window.Final);
        var end = ReadRecords(window, tokenizer, plan, columns, report, firstData: true, stopAfterFirstData: true);
        if (end == RecordsEnd.TextEnd) return null; // no data record in the first part: the sequential reader decides
        var start = new Start(plan, columns, firstRows, firstLines);
        if (end == RecordsEnd.FirstData)
        {
            started.SetResult(start);
            end = ReadRecords(window, tokenizer, plan, columns, report, firstData: false, stopAfterFirstData: false);
        }
        bool endedWithLineBreak = tokenizer.RecordEndedWithLineBreak;
        if (end == RecordsEnd.TrailingBlock) queue.Close();
        ReadParts(new PartReader(window, split, start, options, columns), queue, results);
        foreach (var worker in workers) worker.GetAwaiter().GetResult(); // a worker's exception, as it was thrown

        for (int k = 1; k < n && end != RecordsEnd.TrailingBlock; k++)
        {
            if (!endedWithLineBreak) return null; // the split point was inside a record: read sequentially
            var part = results[k]!;
            columns.Append(part.Columns);
            report.Append(part.Report);
            (end, endedWithLineBreak) = (part.End, part.EndedWithLineBreak);
        }
        var fin = GeochemTableReader.Finish(plan, columns, report);
        return fin;
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

    /// <summary>A worker thread: waits for the plan, then takes parts until none is left.</summary>
    private static void ReadParts(ByteSource source, TextParts.Split split, PartQueue queue, PartResult?[] results,
        Task<Start?> started, ReaderOptions options, int windowBytes)
    {
        if (started.Result is not { } start) return;
        var window = new TextWindow(source, 0, 0, split.Encoding, windowBytes);
        ReadParts(new PartReader(window, split, start, options, null), queue, results);
    }

    private static void ReadParts(PartReader reader, PartQueue queue, PartResult?[] results)
    {
        while (queue.TryTake(out int part))
        {
            var result = results[part] = reader.Read(part);
            if (result.End == RecordsEnd.TrailingBlock) queue.Close(); // parts are taken in order: those before are taken
        }
    }

    /// <summary>Parses whole parts with one thread's window and text caches (those of <paramref name="caches"/> first).</summary>
    private sealed class PartReader(TextWindow window, TextParts.Split split, Start start, ReaderOptions options, TableColumns? caches)
    {
        private TableColumns? _previous = caches;

        public PartResult Read(int part)
        {
            var report = new ImportReport { File = options.SourceName };
            var columns = start.Columns.Part(start.FirstRows[part], report, _previous);
            _previous = columns;
            window.Restart(split.Bounds[part], split.Bounds[part + 1]);
            window.Advance(0);
            var tokenizer = new CsvTokenizer(window.Text, start.Plan.Delimiter, start.FirstLines[part], skipByteOrderMark: false, window.Final);
            var end = ReadRecords(window, tokenizer, start.Plan, columns, report, firstData: false, stopAfterFirstData: false);
            return new PartResult(columns, report, end, tokenizer.RecordEndedWithLineBreak);
        }
    }
}
