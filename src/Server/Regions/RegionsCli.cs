using System.CommandLine;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Regions;

/// <summary>Options and plumbing shared by the regions verbs.</summary>
internal static class RegionsCli
{
    public static Option<string> Input() => new("--input")
    {
        Description = "Samples: a GeoPackage layer from the indices tool, or any table OGR reads (shapefile, GeoJSON, CSV)",
        Required = true,
    };

    public static Option<string?> Report() => new("--report") { Description = "Write the JSON report here" };

    public static Option<int> Seed() => new("--seed") { Description = "Random seed (default 42)", DefaultValueFactory = _ => 42 };

    public static JobInputs Samples(string path)
    {
        var inputs = new JobInputs();
        AddFile(inputs, "samples", path, "--input");
        return inputs;
    }

    /// <summary>Adds the file at <paramref name="path"/> under <paramref name="role"/>; a missing file names its option.</summary>
    public static void AddFile(JobInputs inputs, string role, string path, string option)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{option}: file '{path}' does not exist");
        inputs.AddFile(new InputFile(role, Path.GetFileName(path), Path.GetFullPath(path)));
    }

    /// <summary>Runs a job through the CLI runner; bad arguments found before the job become exit code 2.</summary>
    public static int Run<T>(IServiceProvider services, IJob<T> job, Func<(T Options, JobInputs Inputs, CliDestinations Outputs)> prepare, CancellationToken ct)
    {
        (T Options, JobInputs Inputs, CliDestinations Outputs) p;
        try { p = prepare(); }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or FormatException or JobInputException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return CliJobRunner.ExitBadInput;
        }
        var runner = (CliJobRunner)services.GetService(typeof(CliJobRunner))!;
        return runner.Run(job, p.Options, p.Inputs, p.Outputs, ct);
    }

    public static T Job<T>(IServiceProvider services) where T : class => (T)services.GetService(typeof(T))!;

    /// <summary>A sibling path with another extension: OUT.png -> OUT.svg.</summary>
    public static string Beside(string path, string extension) => Path.ChangeExtension(path, extension);
}
