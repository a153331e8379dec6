using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// A closed SQLite database file opened for appending pages behind SQLite's back
/// (https://sqlite.org/fileformat2.html): new pages go after the last one, in runs reserved by any thread, and
/// <see cref="Commit"/> states the new page count in the header (and bumps the change counter, so that no reader
/// trusts a cache). Until then the database is unchanged as far as SQLite is concerned; <see cref="Dispose"/>
/// without a commit cuts the file back to its old length. Only plain files qualify (<see cref="TryOpen"/>):
/// rollback journal, no auto-vacuum, UTF-8, no journal or WAL file beside it. No one else may use the file meanwhile.
/// </summary>
internal sealed class SqlitePageFile : IDisposable
{
    private const int HeaderBytes = 100;
    /// <summary>SQLite's lock byte lives at 1 GiB; the page that holds it is never used.</summary>
    private const long PendingByte = 0x4000_0000;

    private readonly SafeFileHandle _file;
    private readonly long _originalLength;
    private readonly object _reserveLock = new();
    private long _lastPage;
    private bool _committed;

    private SqlitePageFile(SafeFileHandle file, string path, byte[] header, long originalLength)
    {
        _file = file;
        Path = path;
        _originalLength = originalLength;
        int size = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16));
        PageSize = size == 1 ? 65536 : size;
        UsableSize = PageSize - header[20];
        SchemaFormat = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(44));
        bool countValid = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92)) == BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24));
        long stated = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28));
        _lastPage = countValid && stated > 0 ? stated : originalLength / PageSize;
        LockPage = PendingByte / PageSize + 1;
    }

    public string Path { get; }
    public int PageSize { get; }
    /// <summary>Page size less the bytes reserved at the end of every page for extensions.</summary>
    public int UsableSize { get; }
    public int SchemaFormat { get; }
    /// <summary>Page number of the lock-byte page, which no b-tree may use.</summary>
    public long LockPage { get; }
    /// <summary>Number of the last page (the database size in pages).</summary>
    public long LastPage => _lastPage;

    /// <summary>Opens <paramref name="path"/>, or returns null with the reason when its layout does not qualify.</summary>
    public static SqlitePageFile? TryOpen(string path, out string reason)
    {
        foreach (var sidecar in new[] { "-journal", "-wal" })
        {
            if (File.Exists(path + sidecar))
            {
                reason = $"'{path}{sidecar}' exists";
                return null;
            }
        }
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            var header = new byte[HeaderBytes];
            long length = RandomAccess.GetLength(file);
            if (length < HeaderBytes || RandomAccess.Read(file, header, 0) != HeaderBytes || !header.AsSpan(0, 16).SequenceEqual("SQLite format 3\0"u8))
                reason = "not a SQLite 3 database";
            else if (header[18] != 1 || header[19] != 1)
                reason = "write-ahead log mode";
            else if (BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(52)) != 0)
                reason = "auto-vacuum";
            else if (BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(56)) != 1)
                reason = "text encoding is not UTF-8";
            else if (BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16)) is var size && size != 1 && (size < 512 || (size & (size - 1)) != 0))
                reason = $"page size {size}";
            else
            {
                var pages = new SqlitePageFile(file, path, header, length);
                if (pages.UsableSize < 480 || length % pages.PageSize != 0 || pages.LastPage * pages.PageSize > length)
                {
                    reason = "unexpected page layout";
                    pages._file.Dispose();
                    return null;
                }
                reason = "";
                return pages;
            }
        }
        catch
        {
            file.Dispose();
            throw;
        }
        file.Dispose();
        return null;
    }

    /// <summary>Reads page <paramref name="page"/> (numbered from 1) into <paramref name="into"/> (one page long).</summary>
    public void Read(long page, Span<byte> into)
    {
        if (RandomAccess.Read(_file, into[..PageSize], (page - 1) * PageSize) != PageSize)
            throw new IOException($"'{Path}': page {page} is past the end of the file");
    }

    /// <summary>
    /// Appends whole pages where the file gives room and returns their page numbers in order (thread-safe: each run
    /// of pages is reserved under a lock, then written). Runs stop short of the lock-byte page, which is skipped.
    /// </summary>
    public long[] Append(ReadOnlySpan<byte> pages)
    {
        if (pages.Length % PageSize != 0)
            throw new ArgumentException($"{pages.Length} bytes is not a whole number of {PageSize}-byte pages");
        var numbers = new long[pages.Length / PageSize];
        int done = 0;
        while (done < numbers.Length)
        {
            (long first, int count) run;
            lock (_reserveLock)
            {
                run = NextRun(_lastPage, numbers.Length - done, LockPage);
                _lastPage = run.first + run.count - 1;
            }
            Write(run.first, pages.Slice(done * PageSize, run.count * PageSize));
            for (int i = 0; i < run.count; i++)
                numbers[done + i] = run.first + i;
            done += run.count;
        }
        return numbers;
    }

    /// <summary>The run of at most <paramref name="count"/> pages after <paramref name="lastPage"/> that stops short of <paramref name="lockPage"/>.</summary>
    internal static (long First, int Count) NextRun(long lastPage, int count, long lockPage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        long first = lastPage + 1 == lockPage ? lockPage + 1 : lastPage + 1;
        return first < lockPage ? (first, (int)Math.Min(count, lockPage - first)) : (first, count);
    }

    /// <summary>Writes whole pages starting at page <paramref name="firstPage"/> (thread-safe for distinct pages).</summary>
    public void Write(long firstPage, ReadOnlySpan<byte> pages)
    {
        if (pages.Length % PageSize != 0)
            throw new ArgumentException($"{pages.Length} bytes is not a whole number of {PageSize}-byte pages");
        if (firstPage <= LockPage && firstPage + pages.Length / PageSize > LockPage)
            throw new InvalidOperationException($"pages {firstPage}.. would overwrite the lock-byte page {LockPage}");
        RandomAccess.Write(_file, pages, (firstPage - 1) * PageSize);
    }

    /// <summary>States the new size in the header; the appended pages become part of the database.</summary>
    public void Commit()
    {
        var header = new byte[HeaderBytes];
        if (RandomAccess.Read(_file, header, 0) != HeaderBytes)
            throw new IOException($"'{Path}': cannot read the database header");
        uint counter = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24)) + 1;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(24), counter);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(28), checked((uint)_lastPage));
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(92), counter);
        RandomAccess.SetLength(_file, _lastPage * PageSize);
        RandomAccess.Write(_file, header, 0);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_file.IsClosed && !_committed)
            RandomAccess.SetLength(_file, _originalLength);
        _file.Dispose();
    }
}
