namespace GisBridge.Algorithms.Gravity;

/// <summary>Options of <see cref="DirectionalFilter.Run"/>.</summary>
public sealed record DirectionalFilterOptions
{
    /// <summary>Strike of the features to pass (or reject), degrees clockwise from north, in [0, 180] (a strike and
    /// its opposite are the same).</summary>
    public double StrikeAzimuthDegrees { get; init; }

    /// <summary>Exponent n of the cosine (&gt; 0; larger = narrower fan of directions). Default 2.</summary>
    public double Exponent { get; init; } = 2;

    /// <summary>Remove the features of that strike instead of keeping only them.</summary>
    public bool Reject { get; init; }

    public FftOptions Fft { get; init; } = new();

    public int Band { get; init; }

    /// <summary>Also return the cells whose result depends materially on filled nodata (see <see cref="FillDependence"/>).</summary>
    public bool FillDependence { get; init; }
}
