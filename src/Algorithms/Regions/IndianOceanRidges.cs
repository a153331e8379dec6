namespace GisBridge.Algorithms.Regions;

/// <summary>
/// Approximate axes of the Indian Ocean spreading ridges. Each starts at a triple junction (Bouvet about 54.6°S 0°E,
/// Rodrigues 25.5°S 70°E, Macquarie about 61.5°S 161.5°E, the junctions of the plate-boundary model PB2002,
/// Bird 2003, G-cubed 4(3), 1027); the vertices between them follow the dredge positions of the Gale et al. (2013,
/// G-cubed 14, doi:10.1029/2012GC004334) compilation along each ridge (medians per 2° bin, rounded to 0.5°), with
/// the transform offsets straightened. They are coarse (tens of km across the axis, worse east of 137°E on the SEIR
/// where Gale has no samples): enough to order samples and measure distance along a ridge, not to map the axis.
/// </summary>
public static class IndianOceanRidges
{
    private const string Source = "GisBridge approximation: triple junctions of PB2002 (Bird 2003), vertices along the Gale et al. (2013) dredge positions";

    public static RidgeAxisLine Swir { get; } = new("SWIR", ["SWIRR", "Southwest Indian Ridge"], "the Bouvet Triple Junction",
    [
        (0.0, -54.6), (7.0, -54.0), (14.5, -52.3), (17.0, -52.3), (25.0, -53.3), (27.0, -52.5), (32.5, -47.2), (36.5, -44.7),
        (40.0, -43.3), (44.0, -41.0), (46.0, -40.0), (52.0, -37.0), (55.0, -34.5), (57.0, -32.0), (61.5, -29.0), (66.5, -27.2),
        (70.0, -25.5),
    ], Source);

    public static RidgeAxisLine Cir { get; } = new("CIR", ["CIRR", "Central Indian Ridge"], "the Rodrigues Triple Junction",
    [
        (70.0, -25.5), (67.5, -20.5), (65.5, -19.0), (66.5, -14.0), (68.0, -8.0), (68.5, -5.5), (67.8, -1.7), (66.0, 1.5),
        (64.0, 3.8), (61.0, 6.2), (58.0, 9.8),
    ], Source);

    public static RidgeAxisLine Seir { get; } = new("SEIR", ["SEIRR", "Southeast Indian Ridge"], "the Rodrigues Triple Junction",
    [
        (70.0, -25.5), (74.0, -29.5), (77.5, -32.7), (78.0, -38.5), (86.5, -41.3), (92.5, -43.6), (96.5, -46.5), (101.0, -47.5),
        (105.5, -48.8), (109.0, -49.2), (113.0, -50.2), (118.0, -49.8), (125.0, -49.3), (130.0, -50.3), (137.5, -50.3),
        (145.0, -53.0), (152.0, -57.5), (161.5, -61.5),
    ], Source);

    /// <summary>SWIR, CIR, SEIR: the default ridges of an along-axis profile.</summary>
    public static IReadOnlyList<RidgeAxisLine> All { get; } = [Swir, Cir, Seir];
}
