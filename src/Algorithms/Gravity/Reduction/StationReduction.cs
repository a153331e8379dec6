namespace GisBridge.Algorithms.Gravity.Reduction;

/// <summary>Ground stations: observed absolute gravity (mGal) at latitude and height, reduced station by station.</summary>
public sealed record StationGravity(double[] Longitude, double[] Latitude, double[] Height, double[] Gravity);

/// <summary>Per-station anomalies: free-air (or disturbance) and simple Bouguer, mGal.</summary>
public sealed record StationAnomalies(double[] FreeAir, double[] Bouguer, int Dropped);

/// <summary>
/// Reduces station gravity: anomaly = g - γ(φ, h) with the station height as observation height, Bouguer
/// anomaly = anomaly - 2πGρh with the same height as the slab thickness (land stations; a negative height is
/// below sea level on land and keeps the crust density). Stations with a missing value are dropped (counted).
/// </summary>
public static class StationReduction
{
    public static StationAnomalies Reduce(StationGravity stations, ReferenceEllipsoid ellipsoid, HeightReduction method, double crustDensity)
    {
        ArgumentNullException.ThrowIfNull(stations);
        int n = stations.Latitude.Length;
        if (stations.Longitude.Length != n || stations.Height.Length != n || stations.Gravity.Length != n)
            throw new ArgumentException("longitude, latitude, height and gravity columns must have the same length");
        if (!(crustDensity > 0 && crustDensity < 10000))
            throw new ArgumentException($"crust density {crustDensity} kg/m³ is outside 0..10000");
        var freeAir = new double[n];
        var bouguer = new double[n];
        int dropped = 0, outOfRange = 0;
        for (int i = 0; i < n; i++)
        {
            double lat = stations.Latitude[i], h = stations.Height[i], g = stations.Gravity[i];
            if (!double.IsFinite(lat) || !double.IsFinite(h) || !double.IsFinite(g) || !double.IsFinite(stations.Longitude[i]) || Math.Abs(lat) > 90)
            {
                freeAir[i] = bouguer[i] = double.NaN;
                dropped++;
                continue;
            }
            if (g < 900_000 || g > 1_000_000) outOfRange++;
            freeAir[i] = g - GravityReduction.Gamma(ellipsoid, lat, h, method);
            bouguer[i] = freeAir[i] - 2 * Math.PI * BouguerPlate.G * crustDensity * h * 1e5;
        }
        if (outOfRange > (n - dropped) / 2)
            throw new ArgumentException($"{outOfRange} of {n - dropped} stations have gravity outside 900,000..1,000,000 mGal: the column is not absolute gravity in mGal");
        if (dropped == n)
            throw new ArgumentException("no station has finite longitude, latitude, height and gravity");
        return new StationAnomalies(freeAir, bouguer, dropped);
    }
}
