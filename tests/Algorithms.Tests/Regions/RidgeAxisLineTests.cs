using GisBridge.Algorithms.Regions;

namespace GisBridge.Algorithms.Tests.Regions;

public sealed class RidgeAxisLineTests
{
    private const double KmPerDegree = Math.PI / 180 * 6371.0;

    private static double GreatCircleKm(double lon1, double lat1, double lon2, double lat2)
    {
        double r = Math.PI / 180, a = Math.Sin((lat2 - lat1) * r / 2), b = Math.Sin((lon2 - lon1) * r / 2);
        return 2 * 6371.0 * Math.Asin(Math.Sqrt(a * a + Math.Cos(lat1 * r) * Math.Cos(lat2 * r) * b * b)); // haversine
    }

    [Fact]
    public void DistancesAlongAndOffAnEquatorialAxis()
    {
        var axis = new RidgeAxisLine("E", [], "0°E", [(0, 0), (20, 0)], "test");
        Assert.Equal(20 * KmPerDegree, axis.LengthKm, 1e-6);
        var p = axis.Project(10, 1);
        Assert.Equal(10 * KmPerDegree, p.AlongKm, 1e-6); // the foot of a meridian on the equator
        Assert.Equal(1 * KmPerDegree, p.OffsetKm, 1e-6);
        var beyond = axis.Project(25, 0);
        Assert.Equal(20 * KmPerDegree, beyond.AlongKm, 1e-6); // clamped to the end
        Assert.Equal(5 * KmPerDegree, beyond.OffsetKm, 1e-6);
    }

    [Fact]
    public void TheNearestSegmentOfABentAxisIsUsed()
    {
        var axis = new RidgeAxisLine("L", ["ell"], "the origin", [(0, 0), (10, 0), (10, 10)], "test");
        var p = axis.Project(11, 5);
        // Napier's rules: the foot of the perpendicular from (11°E, 5°N) on the 10°E meridian is at latitude
        // atan(tan 5° / cos 1°), at distance asin(cos 5° sin 1°); along = 10° of equator plus that latitude.
        double r = Math.PI / 180, footLat = Math.Atan(Math.Tan(5 * r) / Math.Cos(1 * r)) / r;
        Assert.Equal((10 + footLat) * KmPerDegree, p.AlongKm, 1e-6);
        Assert.Equal(Math.Asin(Math.Cos(5 * r) * Math.Sin(1 * r)) * 6371.0, p.OffsetKm, 1e-6);
        Assert.Equal(GreatCircleKm(11, 5, 10, footLat), p.OffsetKm, 1e-6);
        Assert.True(axis.Matches(" ELL ") && axis.Matches("l") && !axis.Matches("m"));
    }

    [Fact]
    public void TheIndianOceanAxesMeetAtTheRodriguesTripleJunction()
    {
        Assert.Equal(["SWIR", "CIR", "SEIR"], IndianOceanRidges.All.Select(a => a.Name));
        Assert.Same(IndianOceanRidges.Cir, RidgeAxisLine.Find(IndianOceanRidges.All, "CIRR")); // Gale et al. (2013) write CIRR
        Assert.Null(RidgeAxisLine.Find(IndianOceanRidges.All, "MAR"));
        // SWIR ends where CIR and SEIR start: distance 0 on those, the full length on the SWIR.
        Assert.Equal(IndianOceanRidges.Swir.LengthKm, IndianOceanRidges.Swir.Project(70, -25.5).AlongKm, 1e-6);
        Assert.Equal(0, IndianOceanRidges.Cir.Project(70, -25.5).AlongKm, 1e-6);
        Assert.Equal(0, IndianOceanRidges.Seir.Project(70, -25.5).AlongKm, 1e-6);
        Assert.All(IndianOceanRidges.All, a => Assert.False(string.IsNullOrWhiteSpace(a.Source)));
        // Lengths of the order of the ridges' own (several thousand km each).
        Assert.InRange(IndianOceanRidges.Swir.LengthKm, 5000, 10000);
        Assert.InRange(IndianOceanRidges.Seir.LengthKm, 5000, 10000);
    }
}
