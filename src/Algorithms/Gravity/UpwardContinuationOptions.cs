namespace GisBridge.Algorithms.Gravity;

/// <summary>How the grid is extended beyond its edges before the FFT.</summary>
public enum PaddingMode
{
    /// <summary>Even reflection about the edge cells (x[-i] = x[i]); keeps the field continuous.</summary>
    Mirror = 0,
    /// <summary>Repeat the edge cell.</summary>
    Edge = 1,
    /// <summary>Zeros (after the trend is removed), reached through the taper from the edge values.</summary>
    Zero = 2,
    /// <summary>Odd reflection about the edge value (x[-i] = 2 x[0] - x[i]), GMT grdfft's default (-N+e): continuous
    /// in value and slope, and exact for a linear trend.</summary>
    EdgeSymmetric = 3,
    /// <summary>Mirror drawn a quarter of the way towards the edge value (x[-i] = 0.75 x[i] + 0.25 x[0]): between the
    /// mirror, right for an anomaly centred on an edge, and edge-point symmetry, right for one beyond it.</summary>
    SoftMirror = 4,
    /// <summary>Maximum-entropy (Burg) prediction along rows and columns, tapered to zero: continues the field's
    /// local curvature beyond the edges instead of reflecting it (see BurgPrediction). Default.</summary>
    MaxEntropy = 5,
}

/// <summary>How the extension is brought down to zero at the outer edge of the padding.</summary>
public enum TaperMode
{
    /// <summary>Half-cosine from 1 at the data edge to 0 at the outer edge of the pad. Default.</summary>
    Cosine = 0,
    /// <summary>No taper (the padded values are used as they are).</summary>
    None = 1,
}

/// <summary>What is removed before the transform (and, for continuation, added back after it).</summary>
public enum DetrendMode
{
    /// <summary>Least-squares plane in (column, row). A plane is harmonic, so it continues unchanged.</summary>
    Plane = 0,
    /// <summary>Mean of the valid cells.</summary>
    Mean = 1,
    /// <summary>Nothing removed (GMT's -N+l). Exact for isolated anomalies on a zero background, where a removed
    /// plane would be added back as if it extended to infinity (0.03 % against 2.3 % RMS on buried masses).</summary>
    None = 2,
    /// <summary>Plane fitted robustly (L1) to the border frame of the grid: the background the field keeps beyond
    /// the edges (see BorderPlane), removed only when it stands out of the frame's variation (else the frame's level,
    /// when it is one). Removes a regional trend without taking isolated anomalies' mean or waves crossing the frame
    /// for one. Default.</summary>
    BorderPlane = 3,
}

/// <summary>Options shared by every FFT filter of a grid (continuation and vertical derivative).</summary>
public sealed record FftOptions
{
    /// <summary>Padding added on EACH side as a fraction of the grid size (default 0.25, i.e. the grid grows by
    /// at least 50 % in each direction, then to an FFT-friendly size). 0 is allowed (no padding). At most 2.</summary>
    public double PadFraction { get; init; } = 0.25;

    /// <summary>Default MaxEntropy: with the border-plane detrend, the tapered maximum-entropy extension is at least as
    /// accurate as GMT's edge-point symmetry on all 26 analytic cases of the test family, masses beyond the edges
    /// included, where the tapered zero extension was not (bench/README.md, issue 15).</summary>
    public PaddingMode Padding { get; init; } = PaddingMode.MaxEntropy;

    public TaperMode Taper { get; init; } = TaperMode.Cosine;

    /// <summary>Fraction of each margin over which the taper falls from 1 to 0 (GMT's -N+t, as a fraction; the rest
    /// of the margin is 0). In (0, 1]; default 1, the whole margin.</summary>
    public double TaperWidth { get; init; } = 1;

    /// <summary>Order of the maximum-entropy (Burg) predictor, 1 to 8 (MaxEntropy padding only; default 2, see
    /// BurgPrediction.DefaultOrder). Higher orders follow more of the edge's curvature but amplify its noise.</summary>
    public int PredictorOrder { get; init; } = BurgPrediction.DefaultOrder;

    public DetrendMode Detrend { get; init; } = DetrendMode.BorderPlane;

    /// <summary>Geographic grids only: number of latitudes at which the grid is filtered with its own local
    /// metric before the rows are blended (see <see cref="GeographicGridMetric"/>). Null = chosen from the
    /// latitude span; 1 = the single cos(mid-latitude) approximation that other tools use.</summary>
    public int? LatitudeNodes { get; init; }

    /// <summary>Subtract the FFT's periodic images (see <see cref="PeriodicImageCorrection"/>): the result is then
    /// the ordinary, non-periodic filtering of the padded grid. Default true. Not applied to geographic grids that
    /// span 360 degrees of longitude, which are filtered periodically in x without padding.</summary>
    public bool RemovePeriodicImages { get; init; } = true;

    /// <summary>TorchSharp device for the FFT: "cpu" (default), "cuda" or "auto".</summary>
    public string Device { get; init; } = "cpu";
}

/// <summary>Options of <see cref="UpwardContinuation.Run"/>.</summary>
public sealed record UpwardContinuationOptions
{
    /// <summary>Continuation heights in metres above the grid (positive = upward). At least one.</summary>
    public IReadOnlyList<double> Heights { get; init; } = [];

    public FftOptions Fft { get; init; } = new();

    /// <summary>Negative heights (downward continuation) are refused unless this is set together with
    /// <see cref="Stabilisation"/> &gt; 0: the plain filter exp(|k||h|) amplifies short-wavelength noise without bound.</summary>
    public bool AllowDownward { get; init; }

    /// <summary>Tikhonov parameter alpha (m^2) of the stabilised downward filter
    /// 1 / (exp(-|k||h|) + alpha |k|^2 exp(|k||h|)), which minimises |continued-up(u) - g|^2 + alpha |grad u|^2.
    /// Larger = smoother. Used only for negative heights.</summary>
    public double Stabilisation { get; init; }

    /// <summary>Band to process (0-based).</summary>
    public int Band { get; init; }

    /// <summary>Also return, per height, the cells whose regional and residual depend materially on the values filled
    /// into nodata holes (see <see cref="FillDependence"/>). Default false.</summary>
    public bool FillDependence { get; init; }

    /// <summary>Write the residual of the last height into the input band instead of a new array (the input grid is
    /// then changed). For callers that drop the input afterwards: it saves a grid of memory and, on a fresh-memory
    /// VM, its page faults (0.7 s for 10800 x 5400). Default false.</summary>
    public bool ResidualInPlace { get; init; }
}
