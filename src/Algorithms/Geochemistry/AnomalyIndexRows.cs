using System.Runtime.CompilerServices;
using GisBridge.Algorithms.Common;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// The index columns of <see cref="AnomalyIndexCalculator"/>, computed a block of rows at a time in one pass over
/// every index (no per-value delegate, no temporary column): blocks run on several cores and each writes only its
/// rows. A missing input column reads as NaN. Every value is the same expression as the index functions give.
/// </summary>
internal sealed class AnomalyIndexRows
{
    /// <summary>Rows per block at least: below that a second core does not pay.</summary>
    public const int MinimumBlock = 16384;

    private readonly AnomalyIndexOptions _options;
    private readonly double[]? _pb206, _pb207, _pb208, _sr, _nd, _mgo, _feot, _feo, _fe2o3, _fe2o3t, _na2o, _la, _sm, _yb, _nb, _zr;
    // In the order of AnomalyIndexCalculator.IndexColumns, dupal_strength (text) apart.
    private readonly double[][] _numeric;
    private readonly string?[] _strength;

    public AnomalyIndexRows(SampleTable table, AnomalyIndexOptions options)
    {
        _options = options;
        double[]? Col(string name) => table.HasNumeric(name) ? table.Numeric(name) : null;
        (_pb206, _pb207, _pb208, _sr, _nd) = (Col("pb206_pb204"), Col("pb207_pb204"), Col("pb208_pb204"), Col("sr87_sr86"), Col("nd143_nd144"));
        (_mgo, _feot, _feo, _fe2o3, _fe2o3t, _na2o) = (Col("mgo"), Col("feot"), Col("feo"), Col("fe2o3"), Col("fe2o3t"), Col("na2o"));
        (_la, _sm, _yb, _nb, _zr) = (Col("la"), Col("sm"), Col("yb"), Col("nb"), Col("zr"));
        int n = table.RowCount;
        _numeric = new double[AnomalyIndexCalculator.IndexColumns.Count - 1][];
        for (int k = 0; k < _numeric.Length; k++) _numeric[k] = new double[n];
        _strength = new string?[n];
    }

    /// <summary>Sets the index columns, in the order of <see cref="AnomalyIndexCalculator.IndexColumns"/>.</summary>
    public void AddTo(SampleTable table)
    {
        var names = AnomalyIndexCalculator.IndexColumns;
        for (int k = 0; k < _numeric.Length; k++) table.SetNumeric(names[k], _numeric[k]);
        table.SetText(names[^1], _strength);
    }

    /// <summary>Rows [start, end): writes every index and returns, per index column, how many rows have a value.</summary>
    public int[] Compute(int start, int end)
    {
        var counts = new int[_numeric.Length + 1];
        // Three loops, not one: each stays small enough for the JIT to inline every helper.
        Isotopes(start, end, counts);
        MajorElements(start, end, counts);
        TraceElements(start, end, counts);
        return counts;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Isotopes(int start, int end, int[] counts)
    {
        var o = _options;
        double chur = o.ChurNd143Nd144;
        double[] d74 = _numeric[0], d84 = _numeric[1], dsr = _numeric[2], epsNd = _numeric[3], dupal = _numeric[14];
        int c74 = 0, c84 = 0, cSr = 0, cNd = 0, cDupal = 0, cStrength = 0;
        for (int i = start; i < end; i++)
        {
            double pb206 = At(_pb206, i), pb207 = At(_pb207, i), pb208 = At(_pb208, i), sr = At(_sr, i), nd = At(_nd, i);
            double v74 = d74[i] = Both(pb206, pb207) ? Finite(IsotopeIndices.Delta74(pb206, pb207)) : double.NaN;
            double v84 = d84[i] = Both(pb206, pb208) ? Finite(IsotopeIndices.Delta84(pb206, pb208)) : double.NaN;
            double vSr = dsr[i] = IsNaN(sr) ? double.NaN : IsotopeIndices.DeltaSr(sr);
            double vNd = epsNd[i] = IsNaN(nd) ? double.NaN : IsotopeIndices.EpsilonNd(nd, chur);
            double flag = dupal[i] = DupalClassifier.Flag(v84, vSr, o);
            var strength = _strength[i] = DupalClassifier.Strength(v84, o);
            c74 += Has(v74);
            c84 += Has(v84);
            cSr += Has(vSr);
            cNd += Has(vNd);
            cDupal += Has(flag);
            if (strength is not null) cStrength++;
        }
        counts[0] += c74;
        counts[1] += c84;
        counts[2] += cSr;
        counts[3] += cNd;
        counts[14] += cDupal;
        counts[15] += cStrength;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MajorElements(int start, int end, int[] counts)
    {
        var method = _options.Na8Method;
        double slope = _options.Na8Slope, fe3 = _options.Fe3Fraction;
        double[] mgNumber = _numeric[4], na8 = _numeric[5], fe8 = _numeric[6], outside = _numeric[7];
        int cMg = 0, cNa = 0, cFe = 0, cOut = 0;
        for (int i = start; i < end; i++)
        {
            double mgo = At(_mgo, i), na2o = At(_na2o, i);
            double feot = At(_feot, i), feo = At(_feo, i), fe2o3 = At(_fe2o3, i), fe2o3t = At(_fe2o3t, i);
            double totalFe = MajorElementIndices.TotalIronAsFeO(feot, feo, fe2o3, fe2o3t);
            double mg = mgNumber[i] = MajorElementIndices.MgNumber(mgo, MajorElementIndices.FerrousFeO(feot, feo, fe2o3, fe2o3t, fe3));
            double na = na8[i] = Both(na2o, mgo) ? Finite(MajorElementIndices.Na8(na2o, mgo, method, slope)) : double.NaN;
            double fe = fe8[i] = Both(totalFe, mgo) ? Finite(MajorElementIndices.Fe8(totalFe, mgo, method)) : double.NaN;
            double flag = outside[i] = IsNaN(mgo) || IsNaN(na) && IsNaN(fe) ? double.NaN
                : MajorElementIndices.OutsideCalibration(mgo, method) ? 1.0 : 0.0;
            cMg += Has(mg);
            cNa += Has(na);
            cFe += Has(fe);
            cOut += Has(flag);
        }
        counts[4] += cMg;
        counts[5] += cNa;
        counts[6] += cFe;
        counts[7] += cOut;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TraceElements(int start, int end, int[] counts)
    {
        double chondriteLa = _options.ChondriteLa, chondriteSm = _options.ChondriteSm;
        double[] laSm = _numeric[8], smYb = _numeric[9], laYb = _numeric[10], nbZr = _numeric[11], zrNb = _numeric[12], laSmN = _numeric[13];
        int c8 = 0, c9 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        for (int i = start; i < end; i++)
        {
            double la = At(_la, i), sm = At(_sm, i), yb = At(_yb, i), nb = At(_nb, i), zr = At(_zr, i);
            c8 += Has(laSm[i] = Ratio(la, sm));
            c9 += Has(smYb[i] = Ratio(sm, yb));
            c10 += Has(laYb[i] = Ratio(la, yb));
            c11 += Has(nbZr[i] = Ratio(nb, zr));
            c12 += Has(zrNb[i] = Ratio(zr, nb));
            c13 += Has(laSmN[i] = Both(la, sm) ? Finite(TraceElementRatios.ChondriteNormalisedRatio(la, sm, chondriteLa, chondriteSm)) : double.NaN);
        }
        counts[8] += c8;
        counts[9] += c9;
        counts[10] += c10;
        counts[11] += c11;
        counts[12] += c12;
        counts[13] += c13;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double At(double[]? column, int i) => column is null ? double.NaN : column[i];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNaN(double v) => double.IsNaN(v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Has(double v) => double.IsNaN(v) ? 0 : 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Both(double a, double b) => !double.IsNaN(a) && !double.IsNaN(b);

    /// <summary>Infinite results (a zero denominator) are missing values, as NaN inputs are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Finite(double v) => double.IsFinite(v) ? v : double.NaN;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Ratio(double a, double b) => Both(a, b) ? Finite(TraceElementRatios.Ratio(a, b)) : double.NaN;
}
