namespace GisBridge.Algorithms.Geochemistry;

/// <summary>Which sodium (and iron) fractionation correction to MgO = 8 wt% is used.</summary>
public enum Na8Method
{
    /// <summary>Klein &amp; Langmuir (1987): Na8 = Na2O + 0.373 MgO - 2.98, Fe8 = FeOT + 1.664 MgO - 13.313;
    /// flagged outside 5-8.5 wt% MgO, where the linear fit was calibrated.</summary>
    KleinLangmuir1987,
    /// <summary>Gale et al. (2014): Na8 = Na2O + s (8 - MgO), s = <see cref="AnomalyIndexOptions.Na8Slope"/>;
    /// Fe8 uses the Klein &amp; Langmuir (1987) line (this option defines no Fe8 of its own).</summary>
    Gale2014,
    /// <summary>Castillo et al. (2000) curved forms as implemented in pyrolite (pyrolite/geochem/magma.py,
    /// NaAt8MgO and FeAt8MgO): Na8 = 0.6074 - 3.523 (Na2O + 0.00529 MgO² - 0.9495) / (MgO - 0.05297 MgO² - 8.133),
    /// Fe8 = 1.825 - 1.529 (FeOT - 0.03261 MgO² + 0.2619) / (MgO - 0.04467 MgO² - 6.67).</summary>
    Castillo2000,
}

/// <summary>Options of <see cref="AnomalyIndexCalculator"/>; every default is the value stated here.</summary>
public sealed record AnomalyIndexOptions
{
    /// <summary>Default <see cref="Na8Method.KleinLangmuir1987"/>.</summary>
    public Na8Method Na8Method { get; init; } = Na8Method.KleinLangmuir1987;

    /// <summary>Slope s of the Gale et al. (2014) correction. Default -0.32.</summary>
    public double Na8Slope { get; init; } = -0.32;

    /// <summary>Fe3+/total Fe (molar) used to take Fe2+ out of total iron for Mg#. Default 0.15 (MORB glass,
    /// e.g. Cottrell &amp; Kelley 2011 report about 0.14-0.16).</summary>
    public double Fe3Fraction { get; init; } = 0.15;

    /// <summary>Dupal when delta_8_4 exceeds this (Hart 1984). Default 40.</summary>
    public double DupalD84Threshold { get; init; } = 40;

    /// <summary>When set, Dupal also requires delta_sr above it (Hart 1984 uses 50 as a second criterion). Default null (off).</summary>
    public double? DupalDSrThreshold { get; init; }

    /// <summary>Upper bounds of delta_8_4 for the dupal_strength classes "weak" and "moderate" above the
    /// threshold; above the last is "strong". Defaults 60 and 80.</summary>
    public double DupalModerateFrom { get; init; } = 60;
    public double DupalStrongFrom { get; init; } = 80;

    /// <summary>CHUR 143Nd/144Nd for eps_nd. Default 0.512638 (Jacobsen &amp; Wasserburg 1980, 146Nd/144Nd = 0.7219).</summary>
    public double ChurNd143Nd144 { get; init; } = 0.512638;

    /// <summary>CI-chondrite La and Sm (ppm) for la_sm_n. Defaults 0.237 and 0.153: Sun &amp; McDonough (1989), Table 1.</summary>
    public double ChondriteLa { get; init; } = 0.237;
    public double ChondriteSm { get; init; } = 0.153;

    public void Validate()
    {
        if (Fe3Fraction is < 0 or >= 1 || double.IsNaN(Fe3Fraction))
            throw new ArgumentException($"fe3_fraction must be in 0..1 (exclusive of 1), got {Fe3Fraction}", nameof(Fe3Fraction));
        if (!double.IsFinite(Na8Slope)) throw new ArgumentException("na8_slope must be a finite number", nameof(Na8Slope));
        if (!double.IsFinite(DupalD84Threshold)) throw new ArgumentException("dupal_d84_threshold must be a finite number", nameof(DupalD84Threshold));
        if (!(DupalModerateFrom > DupalD84Threshold && DupalStrongFrom > DupalModerateFrom))
            throw new ArgumentException($"dupal class bounds must increase: threshold {DupalD84Threshold} < moderate {DupalModerateFrom} < strong {DupalStrongFrom}");
        if (!(ChurNd143Nd144 > 0) || !(ChondriteLa > 0) || !(ChondriteSm > 0))
            throw new ArgumentException("reference values (CHUR, chondrite La and Sm) must be positive");
    }

    public static Na8Method ParseNa8Method(string text) => text.Trim().ToLowerInvariant() switch
    {
        "klein-langmuir-1987" or "kl87" => Na8Method.KleinLangmuir1987,
        "gale-2014" => Na8Method.Gale2014,
        "castillo-2000" => Na8Method.Castillo2000,
        _ => throw new ArgumentException($"na8 method '{text}' is not one of klein-langmuir-1987, gale-2014, castillo-2000"),
    };
}
