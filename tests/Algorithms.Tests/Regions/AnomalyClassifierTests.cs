using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Regions;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Regions;

public class AnomalyClassifierTests(ITestOutputHelper output)
{
    private static readonly ClassifierOptions Small = new() { NumberOfTrees = 30, NumberOfLeaves = 8 };

    /// <summary>Samples on a lon/lat grid; the class depends on "signal" (+ noise), "noise" is irrelevant;
    /// one class is 4x rarer.</summary>
    private static SampleTable Synthetic(int n, int seed, int classes = 2)
    {
        var r = new Random(seed);
        var signal = new double[n]; var noise = new double[n]; var lon = new double[n]; var lat = new double[n];
        var label = new string?[n];
        for (int i = 0; i < n; i++)
        {
            int c = classes == 2 ? (r.NextDouble() < 0.2 ? 1 : 0) : i % classes;
            signal[i] = 3 * c + 0.7 * SyntheticData.Gaussian(r);
            noise[i] = SyntheticData.Gaussian(r);
            lon[i] = -180 + 360 * r.NextDouble(); lat[i] = -60 + 120 * r.NextDouble();
            label[i] = classes == 2 ? (c == 1 ? "dupal" : "normal") : $"region{c}";
        }
        var t = new SampleTable(n);
        t.SetNumeric("signal", signal); t.SetNumeric("noise", noise);
        t.SetNumeric(SampleTable.Longitude, lon); t.SetNumeric(SampleTable.Latitude, lat);
        t.SetText("label", label);
        return t;
    }

    [Fact]
    public void BlockedCrossValidationScoresAnImbalancedBinaryTask()
    {
        var t = Synthetic(400, 1);
        var data = ClassificationData.Build(t, "label", ["signal", "noise"]);
        var cv = SpatialBlockedCrossValidation.Run(t, data, Small, new BlockedCrossValidationOptions { BlockSizeDegrees = 30 });
        output.WriteLine($"blocks {cv.BlockCount}, accuracy {cv.Metrics.Accuracy:F3}, balanced {cv.Metrics.BalancedAccuracy:F3}, F1 {cv.Metrics.BinaryF1:F3}");
        Assert.Equal(400, cv.Metrics.Count);
        Assert.True(cv.Metrics.BalancedAccuracy > 0.9);
        Assert.Equal(400, cv.Metrics.Confusion.Sum(row => row.Sum()));
        Assert.Equal(["dupal", "normal"], cv.Metrics.Classes);
    }

    [Fact]
    public void FoldsHoldWholeBlocks()
    {
        var t = Synthetic(300, 2);
        var data = ClassificationData.Build(t, "label", ["signal"]);
        var options = new BlockedCrossValidationOptions { BlockSizeDegrees = 20, Folds = 4 };
        var (folds, blocks) = SpatialBlockedCrossValidation.FoldOf(t, data, options);
        var keys = SpatialBlockedCrossValidation.BlockKeys(t, data.SourceRows, options);
        Assert.True(blocks > 20);
        Assert.All(keys.Select((k, i) => (k, i)).GroupBy(x => x.k), g => Assert.Single(g.Select(x => folds[x.i]).Distinct()));
        Assert.Equal(4, folds.Distinct().Count());
    }

    [Fact]
    public void SavedModelPredictsTheSameAfterLoading()
    {
        var train = Synthetic(300, 3);
        var model = AnomalyClassifier.Train(train, "label", ["signal", "noise"], Small);
        var fresh = Synthetic(100, 4);
        var before = model.Predict(fresh);
        using var zip = new MemoryStream();
        model.Save(zip);
        var json = model.InfoToJson();
        zip.Position = 0;
        var loaded = AnomalyClassifier.Load(zip); // description read from the zip's own JSON entry
        var after = loaded.Predict(fresh);
        Assert.Equal(before.PredictedClass, after.PredictedClass);
        Assert.Equal(before.Probability, after.Probability);
        Assert.Equal(["signal", "noise"], loaded.Info.Features);
        Assert.Contains("\"classes\"", json);
        zip.Position = 0;
        Assert.Equal(before.PredictedClass, AnomalyClassifier.Load(zip, json).Predict(fresh).PredictedClass);
        var e = Assert.Throws<ArgumentException>(() => AnomalyClassifier.Load(new MemoryStream([1, 2, 3])));
        Assert.Contains("not a zip", e.Message);
        var truth = fresh.Text("label");
        double accuracy = Enumerable.Range(0, 100).Average(i => loaded.Info.Classes[after.PredictedClass[i]] == truth[i] ? 1.0 : 0.0);
        Assert.True(accuracy > 0.9);
    }

    [Fact]
    public void MissingIndicatorsAreImputedAndAllMissingRowsAreNotPredicted()
    {
        var model = AnomalyClassifier.Train(Synthetic(200, 5), "label", ["signal", "noise"], Small);
        var t = new SampleTable(2);
        t.SetNumeric("signal", [3.5, double.NaN]);
        t.SetNumeric("noise", [double.NaN, double.NaN]);
        var p = model.Predict(t);
        Assert.Equal("dupal", model.Info.Classes[p.PredictedClass[0]]);
        Assert.Equal(-1, p.PredictedClass[1]);
        Assert.True(double.IsNaN(p.Probability[1]));
    }

    [Theory]
    [InlineData(ClassifierTrainer.FastTree)]
    [InlineData(ClassifierTrainer.LightGbm)]
    public void ThreeRegionsAreLearnt(ClassifierTrainer trainer)
    {
        var t = Synthetic(300, 6, classes: 3);
        var data = ClassificationData.Build(t, "label", ["signal", "noise"]);
        var cv = SpatialBlockedCrossValidation.Run(t, data, Small with { Trainer = trainer }, new BlockedCrossValidationOptions { BlockSizeDegrees = 30 });
        output.WriteLine($"{trainer}: balanced accuracy {cv.Metrics.BalancedAccuracy:F3}, macro F1 {cv.Metrics.MacroF1:F3}, confusion {string.Join(" / ", cv.Metrics.Confusion.Select(r => string.Join(",", r)))}");
        Assert.Equal(3, cv.Metrics.Classes.Count);
        Assert.True(cv.Metrics.BalancedAccuracy > 0.9);
    }

    [Fact]
    public void RankingPutsTheInformativeIndicatorFirst()
    {
        var t = Synthetic(300, 7);
        var r = new Random(8);
        t.SetNumeric("noise2", Enumerable.Range(0, 300).Select(_ => SyntheticData.Gaussian(r)).ToArray());
        var data = ClassificationData.Build(t, "label", ["noise", "signal", "noise2"]);
        var ranking = IndicatorRanking.Rank(t, data, Small with { Trainer = ClassifierTrainer.LightGbm, NumberOfTrees = 30 }, new BlockedCrossValidationOptions { BlockSizeDegrees = 30 }, repeats: 2);
        foreach (var s in ranking.Steps)
            output.WriteLine($"step {s.Step}: [{string.Join(", ", s.Features)}] balanced {s.BalancedAccuracy:F3}, remove {s.Removed} ({s.RemovedImportance:F3})");
        Assert.Equal("signal", ranking.Ranked[0]);
        Assert.Equal("signal", ranking.Importance[0].Feature);
        Assert.Equal(3, ranking.Steps.Count);
        Assert.True(ranking.Steps[^1].BalancedAccuracy > 0.9, "signal alone still classifies");
    }

    [Fact]
    public void SingleClassAndMissingColumnsAreRefusedClearly()
    {
        var t = Synthetic(50, 9);
        t.SetText("one", Enumerable.Repeat<string?>("x", 50).ToArray());
        var e = Assert.Throws<ArgumentException>(() => AnomalyClassifier.Train(t, "one", ["signal"], Small));
        Assert.Contains("single class", e.Message);
        var e2 = Assert.Throws<ArgumentException>(() => AnomalyClassifier.Train(t, "label", ["signal", "ba_nb"], Small));
        Assert.Contains("'ba_nb'", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => AnomalyClassifier.Train(t, "nolabel", ["signal"], Small));
        Assert.Contains("'nolabel'", e3.Message);
    }

    [Fact]
    public void ReferenceTaskDupalWithoutLeadIsotopesOnGale2013()
    {
        // Reference task of the issue: Dupal (D8/4 > 40) from indicators that contain no Pb isotope,
        // spatially blocked 5-fold CV on 5-degree lat/lon cells. Full figures and the ranking: bench/.
        var t = GaleTestData.Table;
        var data = ClassificationData.Build(t, "dupal", ["delta_sr", "eps_nd", "la_sm", "sm_yb", "nb_zr", "th_u", "rb_sr", "k2o_tio2"]);
        var cv = SpatialBlockedCrossValidation.Run(t, data, new ClassifierOptions(), new BlockedCrossValidationOptions());
        var m = cv.Metrics;
        output.WriteLine($"{m.Count} samples, {cv.BlockCount} blocks: accuracy {m.Accuracy:F3}, balanced {m.BalancedAccuracy:F3}, " +
            $"F1(dupal) {m.BinaryF1:F3}; confusion [[{string.Join(", ", m.Confusion[0])}], [{string.Join(", ", m.Confusion[1])}]]");
        Assert.True(m.Count > 800);
        Assert.True(m.BalancedAccuracy > 0.7, "far better than chance (0.5) without any Pb isotope");
    }
}
