using System.IO.Compression;
using System.Text.Json;
using GisBridge.Algorithms.Common;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace GisBridge.Algorithms.Regions;

/// <summary>Gradient-boosted tree trainer of Microsoft.ML.</summary>
public enum ClassifierTrainer { FastTree, LightGbm }

/// <summary>Options of <see cref="AnomalyClassifier"/>.</summary>
public sealed record ClassifierOptions
{
    public ClassifierTrainer Trainer { get; init; } = ClassifierTrainer.FastTree;
    /// <summary>Boosting rounds. Default 100.</summary>
    public int NumberOfTrees { get; init; } = 100;
    public int NumberOfLeaves { get; init; } = 16;
    public int MinimumExamplesPerLeaf { get; init; } = 5;
    public double LearningRate { get; init; } = 0.1;
    /// <summary>Class imbalance: weight every row by n / (classes * n_class), so each class weighs the same in
    /// the loss. Default true.</summary>
    public bool BalanceClasses { get; init; } = true;
    public int Seed { get; init; } = 42;
}

/// <summary>What a saved model needs besides the ML.NET zip (written as a small JSON beside it).</summary>
public sealed record ClassifierModelInfo(
    string Label,
    IReadOnlyList<string> Features,
    IReadOnlyList<string> Classes,
    bool LabelIsNumeric,
    string Trainer,
    /// <summary>Training medians that replace missing indicator values.</summary>
    IReadOnlyList<double> Imputation,
    IReadOnlyList<double> ClassWeights,
    int TrainingRows,
    int FormatVersion = 1);

/// <summary>Predicted class per row (-1 = not predicted: every indicator missing) and class probabilities.</summary>
public sealed record ClassPrediction(int[] PredictedClass, double[] Probability, double[][] ClassProbabilities);

/// <summary>Train once, predict many: a Microsoft.ML gradient-boosted tree classifier (FastTree or LightGBM;
/// binary for two classes, one-versus-all FastTree or native multiclass LightGBM for more) of a label from
/// indicator columns; missing indicators imputed by training medians.</summary>
public sealed class AnomalyClassifier
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;

    private AnomalyClassifier(MLContext ml, ITransformer model, ClassifierModelInfo info)
    {
        _ml = ml; _model = model; Info = info;
    }

    public ClassifierModelInfo Info { get; }

    /// <summary>Trains on all labelled rows of the table.</summary>
    public static AnomalyClassifier Train(SampleTable table, string label, IReadOnlyList<string> features, ClassifierOptions options)
    {
        var data = ClassificationData.Build(table, label, features);
        return Train(data, Enumerable.Range(0, data.Count).ToArray(), label, options);
    }

    /// <summary>Trains on some rows of prepared data (used by the cross-validation).</summary>
    internal static AnomalyClassifier Train(ClassificationData data, int[] rows, string label, ClassifierOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.NumberOfTrees < 1 || o.NumberOfLeaves < 2 || o.MinimumExamplesPerLeaf < 1 || !(o.LearningRate > 0))
            throw new ArgumentException("classifier options: trees >= 1, leaves >= 2, examples per leaf >= 1, learning rate > 0", nameof(o));
        int k = data.Classes.Length;
        var present = rows.Select(r => data.Y[r]).Distinct().Count();
        if (present < 2)
            throw new ArgumentException($"training rows of label '{label}' hold a single class: a classifier needs at least 2", nameof(rows));
        int f = data.Features.Length;
        var imputation = Enumerable.Range(0, f)
            .Select(j => FeatureMatrixBuilder.Median(rows.Select(r => (double)data.X[r][j]).Where(double.IsFinite)))
            .Select(m => double.IsNaN(m) ? 0.0 : m).ToArray();
        var counts = new int[k];
        foreach (var r in rows) counts[data.Y[r]]++;
        var weights = counts.Select(c => o.BalanceClasses && c > 0 ? (double)rows.Length / (present * c) : 1.0).ToArray();

        var ml = new MLContext(o.Seed);
        var schema = RowSchema(f, k);
        var training = ml.Data.LoadFromEnumerable(rows.Select(r => new Row
        {
            Features = Impute(data.X[r], imputation),
            Positive = data.Y[r] == 1,
            Label = (uint)data.Y[r],
            Weight = (float)weights[data.Y[r]],
        }), schema);
        var model = Trainer(ml, o, k).Fit(training);
        var info = new ClassifierModelInfo(label, data.Features, data.Classes, data.LabelIsNumeric, o.Trainer.ToString(),
            imputation, weights, rows.Length);
        return new AnomalyClassifier(ml, model, info);
    }

    /// <summary>Predicts every row of a table holding the model's indicator columns.</summary>
    public ClassPrediction Predict(SampleTable table) => Predict(ClassificationData.FeatureRows(table, Info.Features));

    /// <summary>Predicts rows of indicator values (model feature order; NaN = missing).</summary>
    public ClassPrediction Predict(IReadOnlyList<float[]> x)
    {
        int k = Info.Classes.Count, n = x.Count;
        var known = Enumerable.Range(0, n).Where(i => x[i].Any(float.IsFinite)).ToArray();
        var data = _ml.Data.LoadFromEnumerable(known.Select(i => new Row
        {
            Features = Impute(x[i], Info.Imputation),
            Label = 0,
        }), RowSchema(Info.Features.Count, k));
        var output = _model.Transform(data);
        var predicted = Enumerable.Repeat(-1, n).ToArray();
        var probability = Enumerable.Repeat(double.NaN, n).ToArray();
        var classProbabilities = Enumerable.Range(0, n).Select(_ => Enumerable.Repeat(double.NaN, k).ToArray()).ToArray();
        var perRow = k == 2
            ? output.GetColumn<float>("Probability").Select(p => new[] { 1.0 - p, p }).ToArray()
            : output.GetColumn<float[]>("Score").Select(Normalise).ToArray();
        for (int t = 0; t < known.Length; t++)
        {
            int i = known[t];
            var p = perRow[t];
            int best = 0;
            for (int c = 1; c < k; c++) if (p[c] > p[best]) best = c;
            predicted[i] = best; probability[i] = p[best]; classProbabilities[i] = p;
        }
        return new ClassPrediction(predicted, probability, classProbabilities);
    }

    /// <summary>Name of the entry holding <see cref="Info"/> (JSON) inside the saved zip.</summary>
    public const string InfoEntry = "gisbridge/model_info.json";

    /// <summary>Writes the ML.NET model zip with <see cref="Info"/> as the JSON entry <see cref="InfoEntry"/>, so that
    /// one file carries the model and its features, label and classes.</summary>
    public void Save(Stream modelZip)
    {
        ArgumentNullException.ThrowIfNull(modelZip);
        using var buffer = new MemoryStream();
        _ml.Model.Save(_model, null, buffer);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry(InfoEntry).Open());
            writer.Write(InfoToJson());
        }
        buffer.Position = 0;
        buffer.CopyTo(modelZip);
    }

    public string InfoToJson() => JsonSerializer.Serialize(Info, JsonOptions);

    /// <summary>Loads a model saved by <see cref="Save"/> (description read from its JSON entry).</summary>
    public static AnomalyClassifier Load(Stream modelZip)
    {
        ArgumentNullException.ThrowIfNull(modelZip);
        var buffer = new MemoryStream();
        modelZip.CopyTo(buffer);
        string json;
        try
        {
            buffer.Position = 0;
            using var zip = new ZipArchive(buffer, ZipArchiveMode.Read, leaveOpen: true);
            var entry = zip.GetEntry(InfoEntry)
                ?? throw new ArgumentException($"model file has no '{InfoEntry}': not a GisBridge classifier model", nameof(modelZip));
            using var reader = new StreamReader(entry.Open());
            json = reader.ReadToEnd();
        }
        catch (InvalidDataException e) { throw new ArgumentException($"model file is not a zip archive: {e.Message}", nameof(modelZip)); }
        buffer.Position = 0;
        return Load(buffer, json);
    }

    /// <summary>Loads an ML.NET model zip with its JSON description given separately.</summary>
    public static AnomalyClassifier Load(Stream modelZip, string infoJson)
    {
        ArgumentNullException.ThrowIfNull(modelZip);
        ClassifierModelInfo? info;
        try { info = JsonSerializer.Deserialize<ClassifierModelInfo>(infoJson, JsonOptions); }
        catch (JsonException e) { throw new ArgumentException($"model description JSON is not valid: {e.Message}", nameof(infoJson)); }
        if (info is null || info.Features.Count == 0 || info.Classes.Count < 2 || info.Imputation.Count != info.Features.Count)
            throw new ArgumentException("model description JSON lacks features, classes or imputation values", nameof(infoJson));
        var ml = new MLContext(0);
        ITransformer model;
        try { model = ml.Model.Load(modelZip, out _); }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or IOException)
        { throw new ArgumentException($"model file is not an ML.NET model zip: {e.Message}", nameof(modelZip)); }
        return new AnomalyClassifier(ml, model, info);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static IEstimator<ITransformer> Trainer(MLContext ml, ClassifierOptions o, int classes)
    {
        if (o.Trainer == ClassifierTrainer.LightGbm)
        {
            return classes == 2
                ? ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
                {
                    LabelColumnName = nameof(Row.Positive), FeatureColumnName = nameof(Row.Features),
                    ExampleWeightColumnName = nameof(Row.Weight), NumberOfIterations = o.NumberOfTrees,
                    NumberOfLeaves = o.NumberOfLeaves, MinimumExampleCountPerLeaf = o.MinimumExamplesPerLeaf,
                    LearningRate = o.LearningRate, Seed = o.Seed, NumberOfThreads = 1, Silent = true,
                })
                : ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
                {
                    LabelColumnName = nameof(Row.Label), FeatureColumnName = nameof(Row.Features),
                    ExampleWeightColumnName = nameof(Row.Weight), NumberOfIterations = o.NumberOfTrees,
                    NumberOfLeaves = o.NumberOfLeaves, MinimumExampleCountPerLeaf = o.MinimumExamplesPerLeaf,
                    LearningRate = o.LearningRate, Seed = o.Seed, NumberOfThreads = 1, Silent = true,
                });
        }
        FastTreeBinaryTrainer FastTree(string labelColumn) => ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = labelColumn, FeatureColumnName = nameof(Row.Features),
            ExampleWeightColumnName = nameof(Row.Weight), NumberOfTrees = o.NumberOfTrees,
            NumberOfLeaves = o.NumberOfLeaves, MinimumExampleCountPerLeaf = o.MinimumExamplesPerLeaf,
            LearningRate = o.LearningRate, Seed = o.Seed, NumberOfThreads = 1,
        });
        return classes == 2
            ? FastTree(nameof(Row.Positive))
            : ml.MulticlassClassification.Trainers.OneVersusAll(FastTree(nameof(Row.Label)), labelColumnName: nameof(Row.Label));
    }

    private static SchemaDefinition RowSchema(int features, int classes)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features);
        // Key values are given 0-based here (class index); LoadFromEnumerable maps them to ML.NET keys 1..k.
        schema[nameof(Row.Label)].ColumnType = new KeyDataViewType(typeof(uint), classes);
        return schema;
    }

    private static float[] Impute(float[] x, IReadOnlyList<double> medians)
    {
        var r = new float[x.Length];
        for (int j = 0; j < x.Length; j++) r[j] = float.IsFinite(x[j]) ? x[j] : (float)medians[j];
        return r;
    }

    private static double[] Normalise(float[] scores)
    {
        double sum = scores.Sum(s => Math.Max(0.0, s));
        return scores.Select(s => sum > 0 ? Math.Max(0.0, s) / sum : 1.0 / scores.Length).ToArray();
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public bool Positive { get; set; }
        public uint Label { get; set; }
        public float Weight { get; set; } = 1;
    }
}
