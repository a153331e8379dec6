namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// Reads a large table file in parts on several cores with exactly the sequential reader's result. The bytes are
/// split at record boundaries (<see cref="TextParts"/>); every part is decoded by its own thread. The first part
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
        var table = split is null ? null : Read(source, split, options);
        // As after a sequential read; back at the start for the sequential reader when the parts were given up.
        stream.Position = table is null ? start : stream.Length;
        return table;
    }

    private static GeochemTable? Read(ByteSource source, TextParts.Split split, ReaderOptions options)
    {
        int n = split.Bounds.Length - 1;
        var decoded = new TaskCompletionSource<(char[] Chars, int Length, int Breaks)>[n];
        for (int k = 0; k < n; k++) decoded[k] = new(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource<Start?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = new Task<PartResult?>[n - 1];
        for (int k = 1; k < n; k++)
        {
            int part = k;
            workers[k - 1] = Task.Factory.StartNew(() => ReadPart(source, split, part, decoded[part], started.Task, options),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        GeochemTable? table = null;
        try
        {
            table = ReadFirstPart(source, split, decoded, started, options, workers);
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
        TaskCompletionSource<(char[] Chars, int Length, int Breaks)>[] decoded, TaskCompletionSource<Start?> started,
        ReaderOptions options, Task<PartResult?>[] workers)
    {
        var (chars, length) = TextParts.Decode(source, split.Bounds[0], split.Bounds[1], split.Encoding);
        var text = new ReadOnlyMemory<char>(chars, 0, length);
        // The plan must come from text the sequential reader would see the same way: a delimiter sample and a
        // header search inside the first part, and some content in it.
        if (length < CsvTokenizer.DelimiterSample && options.Delimiter is null || text.Span.Trim("\uFEFF \t\r\n").IsEmpty) return null;
        var report = new ImportReport { File = options.SourceName };
        TablePlan plan;
        try
        {
            plan = GeochemTableReader.Plan(text, options, report);
        }
        catch (ArgumentException)
        {
            return null; // bad input: the sequential reader gives the error for the whole file
        }
        if (plan.HeaderSearchedToEnd) return null;

        int n = decoded.Length;
        var breaks = new int[n];
        breaks[0] = GeochemTableReader.LineBreaks(text.Span);
        for (int k = 1; k < n; k++) breaks[k] = decoded[k].Task.GetAwaiter().GetResult().Breaks;
        var (lastChars, lastLength, _) = decoded[n - 1].Task.GetAwaiter().GetResult();
        bool endsWithBreak = lastLength > 0 && lastChars[lastLength - 1] is '\n' or '\r';
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
        var tokenizer = GeochemTableReader.AfterHeader(text, plan);
        var end = GeochemTableReader.ReadRecords(tokenizer, plan, columns, report, firstData: true, stopAfterFirstData: true);
        if (end == RecordsEnd.TextEnd) return null; // no data record in the first part: the sequential reader decides
        if (end == RecordsEnd.FirstData)
        {
            started.SetResult(new Start(plan, columns, firstRows, firstLines));
            end = GeochemTableReader.ReadRecords(tokenizer, plan, columns, report, firstData: false, stopAfterFirstData: false);
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

    private static PartResult? ReadPart(ByteSource source, TextParts.Split split, int part,
        TaskCompletionSource<(char[] Chars, int Length, int Breaks)> decoded, Task<Start?> started, ReaderOptions options)
    {
        char[] chars;
        int length;
        try
        {
            (chars, length) = TextParts.Decode(source, split.Bounds[part], split.Bounds[part + 1], split.Encoding);
            decoded.SetResult((chars, length, GeochemTableReader.LineBreaks(chars.AsSpan(0, length))));
        }
        catch (Exception e)
        {
            decoded.SetException(e);
            throw;
        }
        if (started.Result is not { } start) return null;
        var report = new ImportReport { File = options.SourceName };
        var columns = start.Columns.Part(start.FirstRows[part], report);
        var tokenizer = new CsvTokenizer(new ReadOnlyMemory<char>(chars, 0, length), start.Plan.Delimiter, start.FirstLines[part], skipByteOrderMark: false);
        var end = GeochemTableReader.ReadRecords(tokenizer, start.Plan, columns, report, firstData: false, stopAfterFirstData: false);
        return new PartResult(columns, report, end, tokenizer.RecordEndedWithLineBreak);
    }
}
