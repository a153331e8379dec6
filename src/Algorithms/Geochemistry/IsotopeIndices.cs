namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// Isotope anomaly indices. Hart (1984), Nature 309, 753-757: deviations from the Northern Hemisphere Reference
/// Line, D7/4 = [207Pb/204Pb - (0.1084 206Pb/204Pb + 13.491)] x 100, D8/4 = [208Pb/204Pb - (1.209 206Pb/204Pb
/// + 15.627)] x 100, DSr = (87Sr/86Sr - 0.7) x 10^4. eps_nd = (143Nd/144Nd / CHUR - 1) x 10^4.
/// NaN inputs give NaN (never 0).
/// </summary>
public static class IsotopeIndices
{
    public static double Delta74(double pb206Pb204, double pb207Pb204) => (pb207Pb204 - 0.1084 * pb206Pb204 - 13.491) * 100;

    public static double Delta84(double pb206Pb204, double pb208Pb204) => (pb208Pb204 - 1.209 * pb206Pb204 - 15.627) * 100;

    public static double DeltaSr(double sr87Sr86) => (sr87Sr86 - 0.7) * 1e4;

    public static double EpsilonNd(double nd143Nd144, double chur) => (nd143Nd144 / chur - 1) * 1e4;
}
