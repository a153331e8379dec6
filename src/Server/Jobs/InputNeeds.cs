namespace GisBridge.Server.Jobs;

/// <summary>The roles of the rasters and files a job cannot run without.</summary>
public sealed record InputNeeds(IReadOnlyList<string> Rasters, IReadOnlyList<string> Files)
{
    /// <summary>No input is required (optional ones may come).</summary>
    public static readonly InputNeeds None = new([], []);

    /// <summary>The job reads no input at all: a stream that carries one is malformed, and refused.</summary>
    public static readonly InputNeeds Nothing = new([], []) { RefusesAny = true };

    public bool RefusesAny { get; private init; }

    public static InputNeeds Raster(params string[] names) => new(names, []);
    public static InputNeeds File(params string[] names) => new([], names);

    /// <summary>Refuses inputs that lack a needed role, naming every missing one.</summary>
    public void Check(JobInputs inputs)
    {
        if (RefusesAny && (inputs.RasterNames.Count > 0 || inputs.Files.Count > 0))
            throw new JobInputException("inputs", "this job reads no input, but the request stream carried " +
                string.Join(" and ", inputs.RasterNames.Select(r => $"raster '{r}'").Concat(inputs.Files.Select(f => $"file '{f.Name}'"))));
        var missing = Rasters.Where(r => !inputs.HasRaster(r)).Select(r => $"raster '{r}'")
            .Concat(Files.Where(f => !inputs.HasFile(f)).Select(f => $"file '{f}'")).ToList();
        if (missing.Count > 0)
            throw new JobInputException("inputs", $"the request stream ended without {string.Join(" and ", missing)}");
    }
}
