using System.Text.Json;
using GisBridge.Algorithms.Common;
using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Algorithms.Regions;

namespace GisBridge.Bench;

/// <summary>
/// The per-pixel gradient-boosting baseline of issue 18 (the peer plugin's approach, here ML.NET LightGBM through
/// <see cref="AnomalyClassifier"/>): every labelled pixel of the dataset's train tiles is a row of its band values,
/// the test tiles' pixels are predicted and scored in the report format of ggmnet-evaluate (confusion rows = truth,
/// "mpa"), so bench/lithology_scores.py reads both.
/// --random-pixels F ignores the split: the pixels of every tile are pooled and a seeded F of them is the test set,
/// the peer plugin's kind of validation (test pixels beside training pixels of the same polygons); meaningful only
/// on a dataset of non-overlapping tiles (--stride-fraction 1), where no pixel is in two tiles.
/// --holdout scores at the dataset's held-out points (holdout.json, ggmnet-dataset --holdout-points) instead of the
/// test tiles: each point's band values come from the tile that holds it nearest its centre, as ggmnet-evaluate's.
/// Usage: GisBridge.Bench lithology-lightgbm DATASET_DIR REPORT.json [--trees 200] [--leaves 31] [--balanced 1] [--random-pixels F | --holdout]
/// </summary>
public static class PixelBoostingBaseline
{
    public static int Run(string[] args)
    {
        if (args.Length < 2 || args[0].StartsWith("--") || args[1].StartsWith("--"))
        {
            Console.Error.WriteLine("usage: GisBridge.Bench lithology-lightgbm DATASET_DIR REPORT.json [--trees 200] [--leaves 31] [--balanced 1]");
            return 2;
        }
        string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Get(name) is string s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : fallback;
        var dataset = DatasetFolder.Read(args[0]);
        double randomFraction = Get("--random-pixels") is string f ? double.Parse(f, System.Globalization.CultureInfo.InvariantCulture) : 0;
        int c = dataset.Tiles[0].Bands.Count, k = dataset.Classes.Count;
        List<float[]> trainRows, testRows;
        List<int> trainLabels, testLabels;
        if (randomFraction > 0)
        {
            var (all, labels) = Pixels(dataset.Tiles, c);
            var order = Enumerable.Range(0, all.Count).OrderBy(_ => 0).ToArray();
            new Random(18).Shuffle(order);
            int nTest = (int)(all.Count * randomFraction);
            testRows = order.Take(nTest).Select(i => all[i]).ToList();
            testLabels = order.Take(nTest).Select(i => labels[i]).ToList();
            trainRows = order.Skip(nTest).Select(i => all[i]).ToList();
            trainLabels = order.Skip(nTest).Select(i => labels[i]).ToList();
        }
        else
        {
            (trainRows, trainLabels) = Pixels(dataset.Subset("train"), c);
            (testRows, testLabels) = args.Contains("--holdout") ? PointPixels(dataset, args[0], c) : Pixels(dataset.Subset("test"), c);
        }
        var table = new SampleTable(trainRows.Count);
        var features = Enumerable.Range(0, c).Select(b => $"band{b}").ToList();
        for (int b = 0; b < c; b++) table.SetNumeric(features[b], trainRows.Select(r => (double)r[b]).ToArray());
        table.SetNumeric("unit", trainLabels.Select(l => (double)l).ToArray());
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var model = AnomalyClassifier.Train(table, "unit", features, new ClassifierOptions
        {
            Trainer = ClassifierTrainer.LightGbm, NumberOfTrees = Int("--trees", 200), NumberOfLeaves = Int("--leaves", 31),
            MinimumExamplesPerLeaf = 20, LearningRate = 0.05, BalanceClasses = Int("--balanced", 1) != 0,
        });
        double trainSeconds = watch.Elapsed.TotalSeconds;
        var predicted = model.Predict(testRows);
        var confusion = new long[k, k];
        var classIds = model.Info.Classes.Select(s => (int)double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        long unpredicted = 0;
        for (int i = 0; i < testRows.Count; i++)
        {
            int p = predicted.PredictedClass[i];
            if (p < 0) { unpredicted++; continue; }
            confusion[testLabels[i], classIds[p]]++;
        }
        var rows = Enumerable.Range(0, k).Select(t => Enumerable.Range(0, k).Select(q => confusion[t, q]).ToArray()).ToArray();
        var present = Enumerable.Range(0, k).Where(t => rows[t].Sum() > 0).ToList();
        double mpa = present.Average(t => (double)rows[t][t] / rows[t].Sum());
        File.WriteAllText(args[1], JsonSerializer.Serialize(new
        {
            model = "lightgbm per pixel", split = randomFraction > 0 ? $"random pixels {randomFraction}" : args.Contains("--holdout") ? "held-out points" : "dataset split.json", train_pixels = trainRows.Count, test_pixels = testRows.Count, unpredicted,
            train_seconds = trainSeconds, classes = dataset.Classes.Select(x => x.Name), mpa, confusion = rows,
        }));
        Console.WriteLine($"lightgbm: {trainRows.Count} train pixels, {testRows.Count} test pixels, MPA {mpa:F3}, trained in {trainSeconds:F1} s");
        return 0;
    }

    private static (List<float[]> Rows, List<int> Labels) PointPixels(SegmentationDataset dataset, string folder, int c)
    {
        using var reader = File.OpenText(Path.Combine(folder, "holdout.json"));
        var rows = new List<float[]>();
        var labels = new List<int>();
        foreach (var p in DatasetJson.ReadHoldout(reader, dataset.Classes.Count))
        {
            if (GisBridge.Algorithms.Lithology.Training.PointEvaluator.Nearest(dataset.Tiles, p.X, p.Y) is not var (t, row, col)) continue;
            rows.Add(Enumerable.Range(0, c).Select(b => t.Bands[b][row * t.Width + col]).ToArray());
            labels.Add(p.ClassId);
        }
        return (rows, labels);
    }

    private static (List<float[]> Rows, List<int> Labels) Pixels(IReadOnlyList<SegmentationTile> tiles, int c)
    {
        var rows = new List<float[]>();
        var labels = new List<int>();
        foreach (var t in tiles)
            for (int i = 0; i < t.Labels.Length; i++)
            {
                if (t.Labels[i] == SegmentationTile.Ignore) continue;
                var r = new float[c];
                for (int b = 0; b < c; b++) r[b] = t.Bands[b][i];
                rows.Add(r);
                labels.Add(t.Labels[i]);
            }
        return (rows, labels);
    }
}
