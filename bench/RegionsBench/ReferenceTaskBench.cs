using System.Diagnostics;
using GisBridge.Algorithms.Regions;
using GisBridge.Algorithms.Tests.Regions;

namespace GisBridge.Bench.Regions;

/// <summary>Reference task of issue 5: Dupal (D8/4 &gt; 40) predicted without any Pb isotope on Gale 2013,
/// spatially blocked 5-fold CV (5-degree lat/lon cells), then the indicator ranking.</summary>
internal static class ReferenceTaskBench
{
    public static readonly string[] Indicators =
        ["delta_sr", "eps_nd", "la_sm", "sm_yb", "nb_zr", "th_u", "rb_sr", "k2o_tio2", "ce_pb", "mgo", "na2o"];

    private static int Flag(IReadOnlySet<string> flags, string name, int fallback)
        => flags.FirstOrDefault(f => f.StartsWith(name + "=")) is { } f ? int.Parse(f[(name.Length + 1)..]) : fallback;

    public static void Run(IReadOnlySet<string> flags)
    {
        var table = GaleTestData.Table;
        var indicators = flags.Contains("location") ? [.. Indicators, "longitude", "latitude"] : Indicators;
        var classifier = new ClassifierOptions
        {
            Trainer = flags.Contains("lightgbm") ? ClassifierTrainer.LightGbm : ClassifierTrainer.FastTree,
            NumberOfLeaves = Flag(flags, "leaves", 16),
            NumberOfTrees = Flag(flags, "trees", 100),
            MinimumExamplesPerLeaf = Flag(flags, "minleaf", 5),
        };
        Console.WriteLine($"trees {classifier.NumberOfTrees}, leaves {classifier.NumberOfLeaves}, min per leaf {classifier.MinimumExamplesPerLeaf}");
        var cvOptions = new BlockedCrossValidationOptions();
        var data = ClassificationData.Build(table, "dupal", indicators);
        var sw = Stopwatch.StartNew();
        var cv = SpatialBlockedCrossValidation.Run(table, data, classifier, cvOptions);
        var m = cv.Metrics;
        Console.WriteLine($"trainer {classifier.Trainer}, {data.Count} samples ({data.Y.Count(y => y == 1)} Dupal), " +
            $"{cv.BlockCount} blocks of {cvOptions.BlockSizeDegrees} deg, {cv.FoldCount} folds, balanced class weights");
        Console.WriteLine($"indicators: {string.Join(", ", indicators)}");
        Console.WriteLine($"accuracy {m.Accuracy:F3}  balanced accuracy {m.BalancedAccuracy:F3}  F1(Dupal) {m.BinaryF1:F3}  macro F1 {m.MacroF1:F3}");
        Console.WriteLine($"confusion (rows true {m.Classes[0]}/{m.Classes[1]}, cols predicted): [{string.Join(", ", m.Confusion[0])}] [{string.Join(", ", m.Confusion[1])}]");
        Console.WriteLine("per fold balanced accuracy: " + string.Join(" ", cv.PerFold.Select(f => f.BalancedAccuracy.ToString("F3"))));
        Console.WriteLine($"CV {sw.Elapsed.TotalSeconds:F1} s");
        // key=value lines collected by bench/run.sh
        var tag = (flags.Contains("location") ? "dupal_nopb_loc_" : "dupal_nopb_") + classifier.Trainer.ToString().ToLowerInvariant();
        Console.WriteLine($"{tag}_balanced_accuracy={m.BalancedAccuracy:F3}");
        Console.WriteLine($"{tag}_accuracy={m.Accuracy:F3}");
        Console.WriteLine($"{tag}_f1_dupal={m.BinaryF1:F3}");
        Console.WriteLine($"{tag}_confusion=[{string.Join(" ", m.Confusion[0])}; {string.Join(" ", m.Confusion[1])}]");
        if (flags.Contains("norank")) return;
        sw.Restart();
        var ranking = IndicatorRanking.Rank(table, data, classifier, cvOptions);
        Console.WriteLine("permutation importance (drop of balanced accuracy, all indicators):");
        foreach (var i in ranking.Importance) Console.WriteLine($"  {i.Feature,-10} {i.BalancedAccuracyDrop,7:F4}");
        Console.WriteLine("| step | indicators | balanced acc. | accuracy | removed next |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var s in ranking.Steps)
            Console.WriteLine($"| {s.Step} | {s.Features.Count} | {s.BalancedAccuracy:F3} | {s.Accuracy:F3} | {s.Removed ?? "-"} |");
        Console.WriteLine("ranked (strongest first): " + string.Join(", ", ranking.Ranked));
        Console.WriteLine($"ranking {sw.Elapsed.TotalSeconds:F1} s");
    }
}
