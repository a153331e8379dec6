namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// The DUPAL anomaly (Hart 1984): Southern-Hemisphere mantle with high D8/4 (and DSr). A sample is Dupal when
/// delta_8_4 exceeds the threshold (default 40) and, when a DSr threshold is set, delta_sr exceeds it too.
/// Strength classes on delta_8_4: "none" (at or below the threshold), "weak", "moderate" (from 60), "strong" (from 80).
/// </summary>
public static class DupalClassifier
{
    /// <summary>1 = Dupal, 0 = not, NaN when the inputs needed are missing.</summary>
    public static double Flag(double delta84, double deltaSr, AnomalyIndexOptions options)
    {
        if (double.IsNaN(delta84)) return double.NaN;
        bool pb = delta84 > options.DupalD84Threshold;
        if (options.DupalDSrThreshold is not { } srThreshold) return pb ? 1 : 0;
        if (double.IsNaN(deltaSr)) return pb ? double.NaN : 0;
        return pb && deltaSr > srThreshold ? 1 : 0;
    }

    /// <summary>Strength class of delta_8_4; null when it is missing.</summary>
    public static string? Strength(double delta84, AnomalyIndexOptions options)
    {
        if (double.IsNaN(delta84)) return null;
        if (delta84 <= options.DupalD84Threshold) return "none";
        if (delta84 < options.DupalModerateFrom) return "weak";
        return delta84 < options.DupalStrongFrom ? "moderate" : "strong";
    }
}
