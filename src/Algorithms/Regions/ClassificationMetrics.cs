namespace GisBridge.Algorithms.Regions;

/// <summary>Precision, recall and F1 of one class.</summary>
public sealed record ClassScores(string Class, int Support, double Precision, double Recall, double F1);

/// <summary>Scores of predictions against true classes.</summary>
public sealed record ClassificationMetrics(
    int Count,
    double Accuracy,
    /// <summary>Mean recall over the classes present in the truth (robust to class imbalance).</summary>
    double BalancedAccuracy,
    /// <summary>Unweighted mean F1 over the classes present in the truth.</summary>
    double MacroF1,
    /// <summary>F1 of the positive class (the second of two sorted classes); NaN for more than two classes.</summary>
    double BinaryF1,
    IReadOnlyList<ClassScores> PerClass,
    /// <summary>Counts [true class][predicted class].</summary>
    int[][] Confusion,
    IReadOnlyList<string> Classes)
{
    /// <summary>Scores the rows where a prediction exists (predicted &gt;= 0).</summary>
    public static ClassificationMetrics Compute(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, IReadOnlyList<string> classes)
    {
        if (truth.Count != predicted.Count)
            throw new ArgumentException($"{truth.Count} true labels but {predicted.Count} predictions", nameof(predicted));
        int k = classes.Count;
        var confusion = Enumerable.Range(0, k).Select(_ => new int[k]).ToArray();
        int n = 0, correct = 0;
        for (int i = 0; i < truth.Count; i++)
        {
            if (predicted[i] < 0) continue;
            confusion[truth[i]][predicted[i]]++;
            n++;
            if (truth[i] == predicted[i]) correct++;
        }
        if (n == 0) throw new ArgumentException("no prediction to score", nameof(predicted));
        var per = new List<ClassScores>();
        for (int c = 0; c < k; c++)
        {
            int tp = confusion[c][c];
            int support = confusion[c].Sum();
            int predictedCount = confusion.Sum(r => r[c]);
            double precision = predictedCount > 0 ? (double)tp / predictedCount : 0;
            double recall = support > 0 ? (double)tp / support : double.NaN;
            double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
            per.Add(new ClassScores(classes[c], support, precision, recall, support > 0 ? f1 : double.NaN));
        }
        var present = per.Where(p => p.Support > 0).ToArray();
        return new ClassificationMetrics(n, (double)correct / n, present.Average(p => p.Recall), present.Average(p => p.F1),
            k == 2 ? per[1].F1 : double.NaN, per, confusion, [.. classes]);
    }
}
