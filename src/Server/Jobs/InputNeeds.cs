namespace GisBridge.Server.Jobs;

/// <summary>The roles of the rasters and files a job cannot run without.</summary>
public sealed record InputNeeds(IReadOnlyList<string> Rasters, IReadOnlyList<string> Files)
{
    public static readonly InputNeeds None = new([], []);

    public static InputNeeds Raster(params string[] names) => new(names, []);
    public static InputNeeds File(params string[] names) => new([], names);

    /// <summary>Refuses inputs that lack a needed role, naming every missing one.</summary>
    public void Check(JobInputs inputs)
    {
        var missing = Rasters.Where(r => !inputs.HasRaster(r)).Select(r => $"raster '{r}'")
            .Concat(Files.Where(f => !inputs.HasFile(f)).Select(f => $"file '{f}'")).ToList();
        if (missing.Count > 0)
            throw new JobInputException("inputs", $"the request stream ended without {string.Join(" and ", missing)}");
    }
}
