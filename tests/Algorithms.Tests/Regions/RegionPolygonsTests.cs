using GisBridge.Algorithms.Regions;
using NetTopologySuite.Geometries;

namespace GisBridge.Algorithms.Tests.Regions;

public class RegionPolygonsTests
{
    [Fact]
    public void ClusterAcrossTheAntimeridianIsHulledOnceAndSplitAt180()
    {
        var r = new Random(1);
        var lon = new List<double>(); var lat = new List<double>(); var labels = new List<int>();
        for (int i = 0; i < 60; i++)
        {
            double x = 176 + 8 * r.NextDouble(); // 176..184 unwrapped
            lon.Add(x > 180 ? x - 360 : x); lat.Add(-20 + 6 * r.NextDouble()); labels.Add(0);
        }
        for (int i = 0; i < 40; i++) { lon.Add(10 + 4 * r.NextDouble()); lat.Add(40 + 4 * r.NextDouble()); labels.Add(1); }

        var regions = RegionPolygons.Build(lon, lat, labels, new RegionPolygonOptions { BufferDegrees = 0.2 });
        Assert.Equal(2, regions.Count);
        var seam = regions.Single(p => p.Cluster == 0);
        Assert.Equal(1, seam.PatchCount);
        Assert.Equal(60, seam.SampleCount);
        Assert.IsType<MultiPolygon>(seam.Geometry);
        Assert.InRange(seam.Geometry.EnvelopeInternal.MinX, -180, -175);
        Assert.InRange(seam.Geometry.EnvelopeInternal.MaxX, 175, 180);
        // A hull drawn the wrong way round the globe would cover ~350 degrees of longitude x 6 of latitude.
        Assert.InRange(seam.Geometry.Area, 20, 70);
        var factory = new GeometryFactory();
        for (int i = 0; i < 60; i++)
            Assert.True(seam.Geometry.Covers(factory.CreatePoint(new Coordinate(lon[i], lat[i]))), $"point {i} outside its region");
        Assert.IsType<Polygon>(regions.Single(p => p.Cluster == 1).Geometry);
    }

    [Fact]
    public void DistantGroupsOfOneClusterGiveSeparatePatches()
    {
        double[] lon = [0, 1, 0.5, 0.2, 100, 101, 100.5, 100.3];
        double[] lat = [0, 0, 1, 0.4, 0, 0, 1, 0.5];
        var regions = RegionPolygons.Build(lon, lat, [0, 0, 0, 0, 0, 0, 0, 0], new RegionPolygonOptions());
        Assert.Equal(2, regions[0].PatchCount);
        Assert.Equal(2, regions[0].Geometry.NumGeometries);
    }
}
