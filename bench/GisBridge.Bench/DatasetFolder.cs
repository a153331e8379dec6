using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using GisBridge.Server.Lithology;

namespace GisBridge.Bench;

/// <summary>A dataset folder of ggmnet-dataset read as the server reads a streamed one.</summary>
internal static class DatasetFolder
{
    public static SegmentationDataset Read(string folder) => LithologyFiles.ReadDataset(new GdalGeoIo(),
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => new InputFile("dataset", Path.GetRelativePath(folder, f).Replace('\\', '/'), f)).ToList());
}
