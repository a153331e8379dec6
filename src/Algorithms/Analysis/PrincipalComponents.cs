using GisBridge.Algorithms.Common;
using MathNet.Numerics.LinearAlgebra;

namespace GisBridge.Algorithms.Analysis;

/// <summary>How the fields are prepared before the decomposition.</summary>
public enum PcaTransform
{
    /// <summary>Centred log-ratio of compositions (Aitchison 1986): log x minus the row's mean log; rows need every
    /// part present and positive. Columns are then centred, not scaled.</summary>
    Clr,
    /// <summary>Each field centred and divided by its standard deviation (n - 1), e.g. isotope ratios of different ranges.</summary>
    Standardise,
}

/// <summary>A principal component analysis: per component its singular value, variance (s² / (n - 1)) and share
/// of the total; loadings are the right singular vectors (fields x components), scores X V (rows x components),
/// for the table rows in <see cref="Rows"/>. Each component's sign makes its largest loading positive.</summary>
public sealed record PcaResult(IReadOnlyList<string> Fields, PcaTransform Transform, int[] Rows, double[] SingularValues,
    double[] Variance, double[] VarianceRatio, double[,] Loadings, double[,] Scores);

/// <summary>PCA by the singular value decomposition of the centred (CLR or standardised) matrix (MathNet).</summary>
public static class PrincipalComponents
{
    public static PcaResult Fit(SampleTable table, IReadOnlyList<string> fields, PcaTransform transform)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (fields.Count < 2) throw new ArgumentException($"PCA needs at least two fields, got {fields.Count}");
        foreach (var f in fields)
            if (!table.HasNumeric(f))
                throw new ArgumentException($"field '{f}' is not a numeric column of the table (numeric columns: {string.Join(", ", table.NumericColumns)})");
        var cols = fields.Select(table.Numeric).ToArray();
        var rows = Enumerable.Range(0, table.RowCount)
            .Where(r => cols.All(c => double.IsFinite(c[r]) && (transform != PcaTransform.Clr || c[r] > 0))).ToArray();
        if (rows.Length < 3)
            throw new ArgumentException($"only {rows.Length} samples have every one of {string.Join(", ", fields)}" +
                (transform == PcaTransform.Clr ? " present and positive (CLR needs positive parts)" : " present") + "; PCA needs at least 3");
        int n = rows.Length, p = fields.Count;
        var x = Matrix<double>.Build.Dense(n, p, (i, j) => cols[j][rows[i]]);
        if (transform == PcaTransform.Clr)
        {
            x.MapInplace(Math.Log);
            for (int i = 0; i < n; i++)
            {
                double mean = x.Row(i).Average();
                for (int j = 0; j < p; j++) x[i, j] -= mean;
            }
        }
        for (int j = 0; j < p; j++)
        {
            var col = x.Column(j);
            double mean = col.Average();
            double scale = 1;
            if (transform == PcaTransform.Standardise)
            {
                scale = Math.Sqrt(col.Sum(v => (v - mean) * (v - mean)) / (n - 1));
                if (!(scale > 0)) throw new ArgumentException($"field '{fields[j]}' is constant over the {n} samples; it cannot be standardised");
            }
            x.SetColumn(j, col.Map(v => (v - mean) / scale));
        }
        var svd = x.Svd(computeVectors: true);
        int k = Math.Min(n, transform == PcaTransform.Clr ? p - 1 : p); // CLR rows sum to zero: rank p - 1
        var s = svd.S.Take(k).ToArray();
        var v = svd.VT.Transpose().SubMatrix(0, p, 0, k);
        for (int c = 0; c < k; c++)
        {
            var column = v.Column(c);
            if (column[column.AbsoluteMaximumIndex()] < 0) v.SetColumn(c, column.Negate());
        }
        var scores = x * v;
        double total = s.Sum(t => t * t);
        var variance = s.Select(t => t * t / (n - 1)).ToArray();
        var ratio = s.Select(t => total > 0 ? t * t / total : double.NaN).ToArray();
        return new PcaResult([.. fields], transform, rows, s, variance, ratio, v.ToArray(), scores.ToArray());
    }
}
