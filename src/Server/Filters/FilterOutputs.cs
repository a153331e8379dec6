using System.Text.Json;
using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Gravity;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Filters;

/// <summary>Writes a filter's result: "filtered" (or the given name), "depends_on_fill" when there is one, the
/// warnings and the JSON report.</summary>
internal static class FilterOutputs
{
    public const string FillDependenceName = "depends_on_fill";

    public const string NothingFilledWarning = "the input has no nodata cell: nothing was filled, so no fill-dependence raster was written";

    /// <summary>Cells marked 1 (depend on the filled values) in a fill-dependence raster.</summary>
    public static int MarkedCells(RasterGrid mask) => mask.Bands[0].Count(v => v == 1f);

    /// <param name="units">The output's units ("" where unknown): a linear filter keeps its input's, a derivative
    /// is in them per metre, an angle in radians.</param>
    public static void Add(JobOutputs outputs, string name, FilterResult result, string description, bool wantFillDependence,
        string units = "")
    {
        outputs.AddRaster(name, result.Output.WithUnits(units));
        if (result.FillDependence is { } mask) outputs.AddRaster(FillDependenceName, mask);
        else if (wantFillDependence) outputs.Warn(NothingFilledWarning);
        foreach (var w in result.Warnings) outputs.Warn(w);
        int marked = result.FillDependence is { } m ? MarkedCells(m) : 0;
        outputs.Result.Message = $"{description} of a {result.Output.Width}x{result.Output.Height} grid" +
            (result.FilledNodataCells > 0 ? $"; {result.FilledNodataCells} nodata cells filled for the transform" : "") +
            (result.FillDependence is not null ? $", {marked} cells depend on the filled values" : "");
        outputs.Result.ReportJson = JsonSerializer.Serialize(new
        {
            output = name,
            fft_width = result.PaddedWidth,
            fft_height = result.PaddedHeight,
            latitude_nodes = result.LatitudeNodes,
            filled_nodata_cells = result.FilledNodataCells,
            cells_depending_on_fill = result.FillDependence is null ? (int?)null : marked,
            fill_dependence_rule = result.FillDependence is null ? null :
                $"root-sum-square response to a level and two tilts per hole, each the standard deviation of the data around the hole, above {FillDependence.Threshold * 100:0.#} % of the RMS of the output",
        });
    }
}
