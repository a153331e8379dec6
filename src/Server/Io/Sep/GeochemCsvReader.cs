using System.Text;
using System.Text.Unicode;
using GisBridge.Algorithms.Geochemistry;

namespace GisBridge.Server.Io.Sep;

/// <summary>
/// Reads a geochemical CSV file: bytes to text, the delimiter, then the records through Sep
/// (<see cref="SepRecords"/>) into <see cref="GeochemTableReader"/>, which applies the project's rules.
/// </summary>
public static class GeochemCsvReader
{
    public static GeochemTable ReadFile(string path, ReaderOptions options)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, options);
    }

    /// <summary>Reads the rest of <paramref name="stream"/>: a byte-order mark decides the encoding (UTF-8, UTF-16),
    /// else UTF-8 when the bytes are valid UTF-8, else Latin-1 (older GEOROC files carry ISO-8859-1 degree signs).</summary>
    public static GeochemTable Read(Stream stream, ReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        var encoding = Utf8.IsValid(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)) ? new UTF8Encoding(false) : Encoding.Latin1;
        bytes.Position = 0;
        using var text = new StreamReader(bytes, encoding, detectEncodingFromByteOrderMarks: true);
        return ReadText(text.ReadToEnd(), options);
    }

    /// <summary>Reads a table held as text.</summary>
    public static GeochemTable ReadText(string text, ReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        if (text.StartsWith('\uFEFF')) text = text[1..];
        if (string.IsNullOrWhiteSpace(text))
            throw new ArgumentException($"{options.SourceName}: the file is empty");
        char delimiter = options.Delimiter ?? DelimiterDetector.Detect(text);
        if (delimiter is '"' or '\r' or '\n')
            throw new ArgumentException($"delimiter '{delimiter}' cannot be a quote or a line break", nameof(options));
        return GeochemTableReader.Read(() => new SepRecords(text, delimiter), options);
    }
}
