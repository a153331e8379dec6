namespace GisBridge.Algorithms.Isotopes;

/// <summary>One number of the end-member table with where it comes from. <see cref="Approximation"/> marks a
/// representative point of a field (an end-member is a field in the diagrams, not a point) rather than a value a
/// source tabulates; the citation then says whose field it represents.</summary>
public sealed record CitedValue(double Value, string Citation, bool Approximation = false)
{
    public static readonly CitedValue None = new(double.NaN, "");
}

/// <summary>A mantle end-member: 87Sr/86Sr, 143Nd/144Nd, 206Pb/204Pb, 207Pb/204Pb, 208Pb/204Pb (the order of
/// <see cref="MantleEndMembers.Ratios"/>) and the Sr, Nd, Pb concentrations (ppm) of its source, NaN where the
/// sources give none.</summary>
public sealed record MantleEndMember(string Name, CitedValue[] Ratios, CitedValue SrPpm, CitedValue NdPpm, CitedValue PbPpm)
{
    /// <summary>The element concentration of each ratio (Sr, Nd, Pb, Pb, Pb) for <see cref="EndMemberMixing"/>.</summary>
    public EndMember ToMixing() => new(Name, Ratios.Select(r => r.Value).ToArray(),
        [SrPpm.Value, NdPpm.Value, PbPpm.Value, PbPpm.Value, PbPpm.Value]);

    public IEnumerable<CitedValue> Values => Ratios.Append(SrPpm).Append(NdPpm).Append(PbPpm);
}

/// <summary>
/// The one table of mantle end-members (DMM, EM1, EM2, HIMU, FOZO) used by the isotope diagrams and the mixing.
/// DMM is the average depleted MORB mantle of Workman and Hart (2005), isotopes and concentrations, checked against
/// an independent transcription of their table (pyrolite, morganjwilliams/pyrolite,
/// pyrolite/data/geochem/refcomp/DMM_WorkmanHart2005.csv): Sr 7.664, Nd 0.581, Pb 0.018 ppm and the four ratios
/// agree; that table gives no 208Pb/204Pb, so DMM's is a flagged representative point.
/// EM1, EM2 and HIMU are the fields of Zindler and Hart (1986) and FOZO that of Hart et al. (1992) as revised by
/// Stracke et al. (2005). None of their numbers is a checked tabulated value: no machine-readable transcription of a
/// published composition for them could be found to check them against (sought for Hart et al. 1992, Stracke et al.
/// 2005, Jackson and Dasgupta 2008, Willbold and Stracke 2006), so they stay rounded representative points of the
/// lavas that define each field, flagged as approximations, and no concentrations are given for them: mixing
/// with this table is linear on every ratio unless the caller supplies concentrations. A number becomes
/// <c>Published</c> only with the paper and table it comes from and a test that checks it against an independent
/// transcription (MantleEndMembersTests).
/// </summary>
public static class MantleEndMembers
{
    /// <summary>Field names of the ratios, in the order of <see cref="MantleEndMember.Ratios"/>.</summary>
    public static readonly string[] Ratios = ["sr87_sr86", "nd143_nd144", "pb206_pb204", "pb207_pb204", "pb208_pb204"];

    public const string WorkmanHart2005 = "Workman & Hart (2005) EPSL 231, 53-72: average DMM";
    public const string ZindlerHart1986 = "Zindler & Hart (1986) Annu. Rev. Earth Planet. Sci. 14, 493-571";
    public const string Stracke2005 = "Stracke, Hofmann & Hart (2005) G-cubed 6, Q05007";
    private const string Point = "; representative point of the field (rounded), GisBridge: not a tabulated value";

    private static CitedValue Published(double v, string source) => new(v, source);
    private static CitedValue Field(double v, string source) => new(v, source + Point, Approximation: true);

    private static MantleEndMember Approximate(string name, string source, params double[] ratios) =>
        new(name, ratios.Select(v => Field(v, source)).ToArray(), CitedValue.None, CitedValue.None, CitedValue.None);

    public static IReadOnlyList<MantleEndMember> All { get; } =
    [
        new("DMM", [Published(0.70263, WorkmanHart2005), Published(0.51313, WorkmanHart2005), Published(18.275, WorkmanHart2005),
                Published(15.486, WorkmanHart2005),
                // Workman & Hart tabulate Th/U (2.5), not 208Pb/204Pb: 18 units of Δ8/4 above the NHRL, a depleted MORB value.
                new(37.90, "Hart (1984) Nature 309, 753-757: NHRL at DMM's 206Pb/204Pb plus Δ8/4 = 18" + Point, Approximation: true)],
            Published(7.664, WorkmanHart2005), Published(0.581, WorkmanHart2005), Published(0.018, WorkmanHart2005)),
        // EM1, EM2, HIMU, FOZO: no tabulated source checked for any of their numbers (see the summary), so every one
        // is a flagged representative point and none has concentrations.
        // EM1: Pitcairn and Walvis Ridge lavas (low 143Nd/144Nd and 206Pb/204Pb, high Δ8/4).
        Approximate("EM1", ZindlerHart1986 + " (EM1: Walvis, Pitcairn)", 0.7053, 0.51236, 17.6, 15.47, 38.3),
        // EM2: Samoa and Society lavas (high 87Sr/86Sr, high Δ7/4).
        Approximate("EM2", ZindlerHart1986 + " (EM2: Samoa, Society)", 0.7078, 0.51258, 19.2, 15.65, 39.5),
        // HIMU: Mangaia and Tubuai (Cook-Austral) lavas, 206Pb/204Pb above 21.
        Approximate("HIMU", ZindlerHart1986 + " and " + Stracke2005 + " (HIMU: Mangaia, Tubuai)", 0.7028, 0.51285, 21.8, 15.80, 40.7),
        // FOZO: the common component towards which oceanic basalt arrays converge, close to the NHRL.
        Approximate("FOZO", Stracke2005 + " (FOZO, after Hart et al. 1992, Science 256, 517-520)", 0.7032, 0.51295, 19.4, 15.60, 39.1),
    ];

    /// <summary>The end-members of that name (case-insensitive), in the order asked; all when none is asked.</summary>
    public static IReadOnlyList<MantleEndMember> Select(IReadOnlyList<string> names)
    {
        if (names.Count == 0) return All;
        return names.Select(n => All.FirstOrDefault(e => string.Equals(e.Name, n.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"'{n}' is not a tabulated end-member ({string.Join(", ", All.Select(e => e.Name))})", nameof(names)))
            .ToArray();
    }
}
