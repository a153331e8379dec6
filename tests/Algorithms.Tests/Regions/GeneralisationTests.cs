using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Regions;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Regions;

/// <summary>Issue 17: resampling inside training folds only, calibration, reliability, the novelty "unknown"
/// answer, leave-one-block-out folds and the ranking's spread over folds.</summary>
public class GeneralisationTests(ITestOutputHelper output)
{
    private static readonly ClassifierOptions Small = new() { NumberOfTrees = 30, NumberOfLeaves = 8 };

    /// <summary>n samples on a lon/lat grid; class 1 (share `positive`) shifts "signal" by 3; "noise" is irrelevant.</summary>
    private static SampleTable Table(int n, int seed, double positive = 0.2, bool signal = true)
    {
        var r = new Random(seed);
        var t = new SampleTable(n);
        var label = new double[n];
        var s = new double[n]; var z = new double[n]; var lon = new double[n]; var lat = new double[n];
        for (int i = 0; i < n; i++)
        {
            label[i] = r.NextDouble() < positive ? 1 : 0;
            s[i] = (signal ? 3 * label[i] : 0) + SyntheticData.Gaussian(r);
            z[i] = SyntheticData.Gaussian(r);
            lon[i] = -180 + 360 * r.NextDouble(); lat[i] = -60 + 120 * r.NextDouble();
        }
        t.SetNumeric("dupal", label); t.SetNumeric("signal", s); t.SetNumeric("noise", z);
        t.SetNumeric(SampleTable.Longitude, lon); t.SetNumeric(SampleTable.Latitude, lat);
        return t;
    }

    [Fact]
    public void ResamplersReachTheStatedCountsAndSmoteRowsLieBetweenTwoRowsOfTheirClass()
    {
        var r = new Random(1);
        var x = Enumerable.Range(0, 50).Select(i => new[] { (float)SyntheticData.Gaussian(r) + (i < 10 ? 5 : 0), (float)SyntheticData.Gaussian(r) }).ToArray();
        var y = Enumerable.Range(0, 50).Select(i => i < 10 ? 1 : 0).ToArray();
        Assert.Equal([10, 10], ClassResampler.Counts(ClassResampler.Resample(x, y, 2, ResamplingMethod.RandomUnder, 1).Y, 2));
        Assert.Equal([40, 40], ClassResampler.Counts(ClassResampler.Resample(x, y, 2, ResamplingMethod.RandomOver, 1).Y, 2));
        var smote = ClassResampler.Resample(x, y, 2, ResamplingMethod.Smote, 1);
        Assert.Equal([40, 40], ClassResampler.Counts(smote.Y, 2));
        int synthetic = 0;
        for (int t = 0; t < smote.Y.Length; t++)
        {
            if (smote.Neighbour[t] < 0) { Assert.Equal(x[smote.Origin[t]], smote.X[t]); continue; }
            synthetic++;
            var (a, b, p) = (x[smote.Origin[t]], x[smote.Neighbour[t]], smote.X[t]);
            Assert.Equal(1, y[smote.Neighbour[t]]);
            Assert.Equal(1, y[smote.Origin[t]]);
            // p = a + u (b - a) with the same u in both coordinates, 0 <= u <= 1.
            double u = (p[0] - a[0]) / (b[0] - a[0]);
            Assert.InRange(u, -1e-6, 1 + 1e-6);
            Assert.Equal(a[1] + u * (b[1] - a[1]), p[1], 4);
        }
        Assert.Equal(30, synthetic);
        Assert.Equal(ResamplingMethod.Smote, ClassResampler.Parse("SMOTE"));
        Assert.Contains("'bootstrap'", Assert.Throws<ArgumentException>(() => ClassResampler.Parse("bootstrap")).Message);
    }

    [Theory]
    [InlineData(ResamplingMethod.RandomOver)]
    [InlineData(ResamplingMethod.Smote)]
    public void ResamplingNeverLeaksATestSampleIntoItsTrainingFold(ResamplingMethod method)
    {
        // Acceptance: the oversampled copies (and SMOTE's source and neighbour rows) of a sample exist only in the
        // training side of folds where that sample is a training row, so they can only land in one fold's test.
        var t = Table(300, 2);
        var data = ClassificationData.Build(t, "dupal", ["signal", "noise"]);
        var options = new BlockedCrossValidationOptions { BlockSizeDegrees = 30, Folds = 4 };
        var (folds, blocks) = SpatialBlockedCrossValidation.FoldOf(t, data, options);
        int checkedFolds = 0;
        var copied = new HashSet<int>();
        SpatialBlockedCrossValidation.Run(data, folds, blocks, Small with { Resampling = method, BalanceClasses = false }, (model, test) =>
        {
            checkedFolds++;
            var testRows = test.ToHashSet();
            Assert.DoesNotContain(model.TrainingOrigins, testRows.Contains);
            Assert.True(model.TrainingOrigins.Length > data.Count - test.Length, "the minority class was resampled up");
            foreach (var g in model.TrainingOrigins.GroupBy(o => o).Where(g => g.Count() > 1)) copied.Add(g.Key);
        }, CancellationToken.None);
        Assert.Equal(4, checkedFolds);
        Assert.NotEmpty(copied);
    }

    [Fact]
    public void ResamplingInsideFoldsScoresChanceOnNoise()
    {
        // Labels independent of the indicators: an honest CV scores about 0.5 whatever the balancing.
        var t = Table(400, 3, positive: 0.15, signal: false);
        var data = ClassificationData.Build(t, "dupal", ["signal", "noise"]);
        foreach (var method in new[] { ResamplingMethod.RandomOver, ResamplingMethod.Smote, ResamplingMethod.RandomUnder })
        {
            var cv = SpatialBlockedCrossValidation.Run(t, data, Small with { Resampling = method, BalanceClasses = false },
                new BlockedCrossValidationOptions { BlockSizeDegrees = 30 });
            output.WriteLine($"{method}: balanced accuracy {cv.Metrics.BalancedAccuracy:F3}");
            Assert.InRange(cv.Metrics.BalancedAccuracy, 0.35, 0.65);
        }
    }

    [Fact]
    public void PlattScalingRecoversAKnownDistortion()
    {
        // Outcomes drawn with probability q; the scorer reports p = sigmoid(2 logit q + 1) (overconfident, shifted).
        // The fit must invert it: A = 1/2, B = -1/2.
        var r = new Random(4);
        int n = 20000;
        var p = new double[n]; var hit = new bool[n];
        for (int i = 0; i < n; i++)
        {
            double q = 0.02 + 0.96 * r.NextDouble();
            hit[i] = r.NextDouble() < q;
            p[i] = 1 / (1 + Math.Exp(-(2 * Math.Log(q / (1 - q)) + 1)));
        }
        var c = PlattCalibration.Fit(p, hit);
        output.WriteLine($"A {c.A:F3}, B {c.B:F3}");
        Assert.InRange(c.A, 0.45, 0.55);
        Assert.InRange(c.B, -0.55, -0.45);
        var before = Reliability.Compute(p, hit);
        var after = Reliability.Compute(p.Select(c.Apply).ToArray(), hit);
        Assert.True(after.ExpectedCalibrationError < before.ExpectedCalibrationError / 3, $"ECE {before.ExpectedCalibrationError:F3} -> {after.ExpectedCalibrationError:F3}");
        Assert.Equal(PlattCalibration.Identity, PlattCalibration.Fit([0.2, 0.9], [true, true]));
    }

    [Fact]
    public void IsotonicModelKeepsItsCalibrationThroughSaveAndLoad()
    {
        var t = Table(300, 9);
        var data = ClassificationData.Build(t, "dupal", ["signal", "noise"]);
        var model = AnomalyClassifier.Train(data, "dupal", Small with { Calibration = ClassifierCalibration.Isotonic }, null);
        Assert.Null(model.Info.Calibration);
        Assert.Equal(2, model.Info.IsotonicCalibration!.Count);
        var r = new Random(10);
        var x = Enumerable.Range(0, 100).Select(_ => new[] { (float)(3 * SyntheticData.Gaussian(r)), (float)SyntheticData.Gaussian(r) }).ToArray();
        var p = model.Predict(x);
        Assert.All(p.ClassProbabilities, c => { Assert.InRange(c[1], 0, 1); Assert.Equal(1, c[0] + c[1], 12); });
        using var zip = new MemoryStream();
        model.Save(zip);
        zip.Position = 0;
        Assert.Equal(p.Probability, AnomalyClassifier.Load(zip).Predict(x).Probability);
    }

    [Fact]
    public void ExpectedCalibrationErrorOfAHandExample()
    {
        // Bin [0.1, 0.2): 0.15 twice, one hit (observed 0.5); bin [0.9, 1]: 0.95 twice, two hits (observed 1).
        // ECE = 2/4 |0.5 - 0.15| + 2/4 |1 - 0.95| = 0.2.
        var r = Reliability.Compute([0.15, 0.15, 0.95, 0.95, double.NaN], [true, false, true, true, true]);
        Assert.Equal(4, r.Count);
        Assert.Equal(2, r.Bins.Count);
        Assert.Equal(0.2, r.ExpectedCalibrationError, 12);
    }

    [Fact]
    public void NoveltyIsTheDistanceToTheNearestTrainingRowsOverThePresentFeatures()
    {
        // Training rows 0..4 on a line (median 2, IQR 2 in the first feature; second feature constant 0, scale 1).
        float[][] train = [[0, 0], [1, 0], [2, 0], [3, 0], [4, 0]];
        var novelty = KnnNovelty.Fit(train, neighbours: 1);
        var s = novelty.Score([[2, 0], [10, 0], [10, float.NaN], [float.NaN, float.NaN], [2, 3]]);
        Assert.Equal(0, s[0], 6);
        // (10 - 2) / 2 = 4 robust units from the centre; the nearest row (4) is at 1 unit: 3 over sqrt(2 features).
        Assert.Equal(3 / Math.Sqrt(2), s[1], 5);
        Assert.Equal(3, s[2], 5); // only the first feature present
        Assert.True(double.IsNaN(s[3]));
        Assert.Equal(3 / Math.Sqrt(2), s[4], 5);
    }

    [Fact]
    public void UnknownAnswerSetsAsideTheSamplesFarFromTheTrainingDomain()
    {
        var t = Table(300, 5);
        var data = ClassificationData.Build(t, "dupal", ["signal", "noise"]);
        var model = AnomalyClassifier.Train(data, "dupal", Small with { Calibration = ClassifierCalibration.Platt, UnknownRate = 0.05 }, null);
        Assert.True(double.IsFinite(model.Info.NoveltyThreshold));
        var r = new Random(6);
        var near = Enumerable.Range(0, 200).Select(_ => new[] { (float)SyntheticData.Gaussian(r), (float)SyntheticData.Gaussian(r) }).ToArray();
        var far = Enumerable.Range(0, 50).Select(_ => new[] { 20 + (float)SyntheticData.Gaussian(r), -15 + (float)SyntheticData.Gaussian(r) }).ToArray();
        var p = model.Predict([.. near, .. far]);
        int nearUnknown = p.Unknown!.Take(200).Count(u => u), farUnknown = p.Unknown!.Skip(200).Count(u => u);
        output.WriteLine($"threshold {model.Info.NoveltyThreshold:F3}: unknown {nearUnknown}/200 near, {farUnknown}/50 far");
        Assert.Equal(50, farUnknown);
        Assert.InRange(nearUnknown, 0, 30);
        using var zip = new MemoryStream();
        model.Save(zip);
        zip.Position = 0;
        var loaded = AnomalyClassifier.Load(zip);
        Assert.Equal(p.Unknown, loaded.Predict([.. near, .. far]).Unknown);
        Assert.Equal(p.Probability, loaded.Predict([.. near, .. far]).Probability);
    }

    [Fact]
    public void CalibratedCrossValidationCountsUnknownApart()
    {
        var t = Table(300, 7);
        var data = ClassificationData.Build(t, "dupal", ["signal", "noise"]);
        var cv = SpatialBlockedCrossValidation.Run(t, data, Small with { Calibration = ClassifierCalibration.Platt, UnknownRate = 0.1 },
            new BlockedCrossValidationOptions { BlockSizeDegrees = 30 });
        output.WriteLine($"balanced {cv.Metrics.BalancedAccuracy:F3}, unknown {cv.UnknownCount}, rest {cv.KeptMetrics!.BalancedAccuracy:F3}");
        Assert.Equal(300, cv.Metrics.Count);
        Assert.Equal(300 - cv.UnknownCount, cv.KeptMetrics.Count);
        Assert.InRange(cv.UnknownCount, 1, 90);
        Assert.All(cv.ClassProbabilities, p => Assert.Equal(1, p![0] + p[1], 9));
    }

    [Fact]
    public void LeaveOneBlockOutGivesEachValueItsOwnFold()
    {
        var t = Table(120, 8);
        t.SetText("source", Enumerable.Range(0, 120).Select(i => i < 60 ? "a.csv" : i < 100 ? "b.csv" : "c.csv").ToArray());
        var data = ClassificationData.Build(t, "dupal", ["signal"]);
        var options = new BlockedCrossValidationOptions { BlockField = "source", LeaveOneBlockOut = true };
        var (folds, count) = SpatialBlockedCrossValidation.FoldOf(t, data, options);
        Assert.Equal(3, count);
        Assert.Equal(Enumerable.Repeat(0, 60).Concat(Enumerable.Repeat(1, 40)).Concat(Enumerable.Repeat(2, 20)), folds);
        var cv = SpatialBlockedCrossValidation.Run(t, data, Small, options);
        Assert.Equal(["a.csv", "b.csv", "c.csv"], cv.FoldNames);
        t.SetText("one", Enumerable.Repeat<string?>("x", 120).ToArray());
        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(() =>
            SpatialBlockedCrossValidation.FoldOf(t, data, options with { BlockField = "one" })).Message);
    }

    [Fact]
    public void RankingReportsEachFoldAndItsSpread()
    {
        var t = Table(300, 9);
        var data = ClassificationData.Build(t, "dupal", ["noise", "signal"]);
        var ranking = IndicatorRanking.Rank(t, data, Small, new BlockedCrossValidationOptions { BlockSizeDegrees = 30, Folds = 4 }, repeats: 2);
        var signal = ranking.Importance.Single(i => i.Feature == "signal");
        Assert.Equal(4, signal.PerFold.Count);
        Assert.Equal(signal.PerFold.Average(), signal.BalancedAccuracyDrop, 12);
        double mean = signal.PerFold.Average();
        Assert.Equal(Math.Sqrt(signal.PerFold.Sum(v => (v - mean) * (v - mean)) / 3), signal.StandardDeviation, 12);
        Assert.Equal(signal.PerFold.Min(), signal.Min);
        Assert.All(signal.RankPerFold, rank => Assert.Equal(1, rank));
        Assert.All(ranking.Steps, s => Assert.Equal(4, s.PerFoldBalancedAccuracy.Count));
    }
}
