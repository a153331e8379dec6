namespace GisBridge.Algorithms.Gravity;

/// <summary>Shape of a wavelength band-pass; each follows GMT grdfft -F so that the two can be compared.</summary>
public enum BandPassShape
{
    /// <summary>Gaussian: low-pass exp(-ln2 (lambda_c / lambda)^2), gain 0.5 at the cut-off wavelength.</summary>
    Gaussian = 0,
    /// <summary>Butterworth of order N: low-pass 1 / sqrt(1 + (lambda_c / lambda)^(2N)), gain 0.707 at the cut-off.</summary>
    Butterworth = 1,
    /// <summary>Cosine roll-off, linear in wavenumber: gain 0.5 at the cut-off, 1 and 0 at the ends of the roll-off.</summary>
    Cosine = 2,
}

/// <summary>Options of <see cref="BandPass.Run"/>. Give one cut-off for a low- or high-pass, both for a band-pass.</summary>
public sealed record BandPassOptions
{
    public BandPassShape Shape { get; init; } = BandPassShape.Gaussian;

    /// <summary>High-pass cut-off (km): wavelengths longer than this are removed. 0 = no high-pass.</summary>
    public double LongCutoffKm { get; init; }

    /// <summary>Low-pass cut-off (km): wavelengths shorter than this are removed. 0 = no low-pass.</summary>
    public double ShortCutoffKm { get; init; }

    /// <summary>Butterworth order N (&gt;= 1; GMT's third -F value).</summary>
    public double Order { get; init; } = 2;

    /// <summary>Cosine roll-off width as a fraction of the cut-off wavenumber kc: the gain falls from 1 to 0 between
    /// kc (1 - w/2) and kc (1 + w/2). In (0, 2); default 1.</summary>
    public double Rolloff { get; init; } = 1;

    public FftOptions Fft { get; init; } = new();

    /// <summary>Band to process (0-based).</summary>
    public int Band { get; init; }

    /// <summary>Also return the cells whose result depends materially on filled nodata (see <see cref="FillDependence"/>).</summary>
    public bool FillDependence { get; init; }
}
