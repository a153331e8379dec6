namespace GisBridge.Server.Tests.Support;

/// <summary>Finds the repository root (the folder holding GisBridge.sln) and the bundled samples.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Sample(params string[] parts) => Path.Combine([Root, "samples", .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GisBridge.sln"))) return dir.FullName;
        throw new InvalidOperationException($"GisBridge.sln not found above {AppContext.BaseDirectory}");
    }
}
