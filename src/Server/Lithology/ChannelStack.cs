using GisBridge.Algorithms.Common;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Lithology;

/// <summary>
/// Input channels beyond the base grid: every file input "channel" (magnetics, radiometrics, elevation, derivatives,
/// any GDAL raster in any CRS) is reprojected and resampled onto the base grid by GDAL's warper (bilinear) and its
/// bands are appended, named after the file ("Rondonia_Geof_Kperc", "Landsat_RO_2" for band 2 of several).
/// </summary>
public static class ChannelStack
{
    public const int MaxChannels = 64;

    public static RasterGrid Stack(RasterGrid baseGrid, JobInputs inputs, CancellationToken ct)
    {
        var files = inputs.FilesNamed("channel");
        if (files.Count == 0) return baseGrid;
        var bands = new List<float[]>(baseGrid.Bands);
        var names = new List<string>(baseGrid.BandNames.Count == baseGrid.Bands.Count ? baseGrid.BandNames
            : baseGrid.Bands.Count == 1 ? ["gravity"] : baseGrid.Bands.Select((_, b) => $"gravity_{b + 1}"));
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            RasterGrid warped;
            try { warped = GdalWarp.OntoGrid(file.Path, baseGrid); }
            catch (Exception e) when (e is GdalException or ArgumentException)
            {
                throw new JobInputException("channel", $"'{file.FileName}' cannot be resampled onto the base grid: {e.Message}");
            }
            string stem = Path.GetFileNameWithoutExtension(file.FileName);
            for (int b = 0; b < warped.Bands.Count; b++)
            {
                if (!warped.Bands[b].Any(float.IsFinite))
                    throw new JobInputException("channel", $"'{file.FileName}' band {b + 1} has no value over the base grid (check its extent and CRS)");
                bands.Add(warped.Bands[b]);
                names.Add(warped.Bands.Count == 1 ? stem : $"{stem}_{b + 1}");
            }
        }
        if (bands.Count > MaxChannels)
            throw new JobInputException("channel", $"{bands.Count} channels exceed the limit of {MaxChannels}");
        return new RasterGrid(baseGrid.Width, baseGrid.Height, baseGrid.Transform, bands)
        {
            CrsWkt = baseGrid.CrsWkt, CrsKind = baseGrid.CrsKind, LinearUnitMetres = baseGrid.LinearUnitMetres,
            SemiMajorAxis = baseGrid.SemiMajorAxis, InverseFlattening = baseGrid.InverseFlattening, NoData = baseGrid.NoData,
            BandNames = names,
        };
    }
}
