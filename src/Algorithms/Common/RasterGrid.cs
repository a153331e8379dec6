namespace GisBridge.Algorithms.Common;

/// <summary>
/// A georeferenced raster in memory: bands of float32 cells, row-major, row 0 first as stored in the file.
/// Nodata cells are NaN; <see cref="NoData"/> keeps the file's nodata value so that outputs can restore it.
/// </summary>
public sealed class RasterGrid
{
    public RasterGrid(int width, int height, GeoTransform transform, IReadOnlyList<float[]> bands)
    {
        if (width <= 0 || height <= 0)
            throw new ArgumentException($"raster size must be positive, got {width}x{height}");
        ArgumentNullException.ThrowIfNull(bands);
        if (bands.Count == 0)
            throw new ArgumentException("a raster needs at least one band", nameof(bands));
        long cells = (long)width * height;
        for (int b = 0; b < bands.Count; b++)
        {
            if (bands[b].LongLength != cells)
                throw new ArgumentException($"band {b} has {bands[b].LongLength} cells, expected {width}x{height} = {cells}");
        }
        Width = width;
        Height = height;
        Transform = transform;
        Bands = bands;
    }

    public int Width { get; }
    public int Height { get; }
    public GeoTransform Transform { get; }
    public IReadOnlyList<float[]> Bands { get; }

    /// <summary>Opaque CRS text (WKT) carried from input to output.</summary>
    public string CrsWkt { get; init; } = "";
    public CrsKind CrsKind { get; init; } = CrsKind.Unknown;
    /// <summary>Metres per unit of a projected CRS (1 for metres).</summary>
    public double LinearUnitMetres { get; init; } = 1.0;
    /// <summary>Semi-major axis and inverse flattening of the CRS ellipsoid (WGS 84 when unknown).</summary>
    public double SemiMajorAxis { get; init; } = 6378137.0;
    public double InverseFlattening { get; init; } = 298.257223563;
    public double? NoData { get; init; }
    public IReadOnlyList<string> BandNames { get; init; } = [];
    /// <summary>Units per band ("mGal"), "" or missing where unknown.</summary>
    public IReadOnlyList<string> BandUnits { get; init; } = [];
    public IReadOnlyList<string> CategoryNames { get; init; } = [];
    public IReadOnlyList<string> CategoryColors { get; init; } = [];

    /// <summary>A grid with the same georeferencing and new bands; units are not carried over (new bands may be in
    /// others: a derivative of mGal is in mGal/m).</summary>
    public RasterGrid WithBands(IReadOnlyList<float[]> bands, IReadOnlyList<string>? bandNames = null) =>
        Georeferenced(bands, bandNames ?? [], [], [], []);

    /// <summary>Units of a band ("" where unknown).</summary>
    public string UnitsOf(int band) => band >= 0 && band < BandUnits.Count ? BandUnits[band] : "";

    /// <summary>The same grid, its bands shared (not copied), with every band in <paramref name="units"/>; "" (unknown)
    /// leaves the grid as it is.</summary>
    public RasterGrid WithUnits(string units) => units.Length == 0 ? this :
        Georeferenced(Bands, BandNames, Bands.Select(_ => units).ToArray(), CategoryNames, CategoryColors);

    private RasterGrid Georeferenced(IReadOnlyList<float[]> bands, IReadOnlyList<string> names, IReadOnlyList<string> units,
        IReadOnlyList<string> categoryNames, IReadOnlyList<string> categoryColors) =>
        new(Width, Height, Transform, bands)
        {
            CrsWkt = CrsWkt,
            CrsKind = CrsKind,
            LinearUnitMetres = LinearUnitMetres,
            SemiMajorAxis = SemiMajorAxis,
            InverseFlattening = InverseFlattening,
            NoData = NoData,
            BandNames = names,
            BandUnits = units,
            CategoryNames = categoryNames,
            CategoryColors = categoryColors,
        };
}
