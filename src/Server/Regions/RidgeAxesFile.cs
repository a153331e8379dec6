using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Regions;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using NetTopologySuite.Geometries;

namespace GisBridge.Server.Regions;

/// <summary>
/// Ridge axes supplied by the user (input file "axes"): one line feature per ridge, in longitude/latitude, named by a
/// field (default "name"), measured from the line's first vertex, e.g. PB2002's ridge segments merged per ridge and
/// drawn from the triple junction.
/// </summary>
public static class RidgeAxesFile
{
    public const string Role = "axes";
    public const string DefaultNameField = "name";

    public static IReadOnlyList<RidgeAxisLine> Read(JobInputs inputs, string? nameField)
    {
        string path = inputs.VectorFilePath(Role);
        string field = string.IsNullOrWhiteSpace(nameField) ? DefaultNameField : nameField.Trim();
        var layer = OgrVectorReader.Read(path);
        string file = Path.GetFileName(path);
        var kind = GdalRasterReader.DescribeCrs(layer.CrsWkt).Kind;
        if (kind == CrsKind.Projected)
            throw new JobInputException(Role, $"'{file}' is in a projected CRS: give the ridge axes in longitude/latitude (e.g. EPSG:4326)");
        if (layer.Field(field) is null)
            throw new JobInputException("axis_name_field",
                $"'{file}' has no field '{field}' naming each axis (fields: {string.Join(", ", layer.Fields.Select(f => f.Name))})");
        var axes = new List<RidgeAxisLine>();
        for (int i = 0; i < layer.Features.Count; i++)
        {
            var feature = layer.Features[i];
            string name = feature.Text(field)
                ?? throw new JobInputException(Role, $"feature {i + 1} of '{file}' has no {field}");
            if (RidgeAxisLine.Find(axes, name) is not null)
                throw new JobInputException(Role, $"'{file}' has two axes named '{name}': give one line per ridge");
            axes.Add(new RidgeAxisLine(name, [], $"the first vertex of '{name}' in {file}", Vertices(feature.Geometry, name, file),
                $"user file {file}"));
        }
        if (axes.Count == 0) throw new JobInputException(Role, $"'{file}' has no features");
        return axes;
    }

    private static (double Lon, double Lat)[] Vertices(Geometry? geometry, string name, string file)
    {
        var line = geometry switch
        {
            LineString l => l,
            MultiLineString { NumGeometries: 1 } m => (LineString)m.GetGeometryN(0),
            MultiLineString m => throw new JobInputException(Role,
                $"axis '{name}' in '{file}' has {m.NumGeometries} parts: merge them into one line drawn from the ridge's start"),
            null => throw new JobInputException(Role, $"axis '{name}' in '{file}' has no geometry"),
            _ => throw new JobInputException(Role, $"axis '{name}' in '{file}' is a {geometry.GeometryType}, not a line"),
        };
        if (line.NumPoints < 2) throw new JobInputException(Role, $"axis '{name}' in '{file}' has fewer than two vertices");
        var vertices = line.Coordinates.Select(c => (c.X, c.Y)).ToArray();
        if (vertices.Any(v => !double.IsFinite(v.X) || !double.IsFinite(v.Y) || Math.Abs(v.Y) > 90 || v.X < -180 || v.X > 360))
            throw new JobInputException(Role, $"axis '{name}' in '{file}' has vertices outside longitude/latitude: is it in degrees?");
        return vertices;
    }
}
