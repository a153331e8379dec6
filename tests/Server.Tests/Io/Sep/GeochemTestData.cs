using GisBridge.Algorithms.Geochemistry;
using GisBridge.Server.Io.Sep;

namespace GisBridge.Server.Tests.Io.Sep;

/// <summary>Sample files of the repository and a one-liner to read inline CSV text.</summary>
internal static class GeochemTestData
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Sample(params string[] parts) => Path.Combine([RepoRoot, "samples", "geochem", .. parts]);

    public static GeochemTable ReadFile(string path, ReaderOptions? options = null) =>
        GeochemCsvReader.ReadFile(path, (options ?? new ReaderOptions()) with { SourceName = Path.GetFileName(path) });

    public static GeochemTable ReadText(string csv, ReaderOptions? options = null) =>
        GeochemCsvReader.ReadText(csv, options ?? new ReaderOptions { SourceName = "inline.csv" });

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GisBridge.sln"))) return dir.FullName;
        throw new InvalidOperationException("GisBridge.sln not found above " + AppContext.BaseDirectory);
    }
}
