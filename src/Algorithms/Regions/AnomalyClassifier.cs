using System.IO.Compression;
using System.Text.Json;
using GisBridge.Algorithms.Common;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace GisBridge.Algorithms.Regions;

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

    /// <summary>Trains on every row of prepared data; <paramref name="groups"/> (one key per row, e.g. the spatial
    /// block) keeps whole groups in the inner folds of calibration and the novelty threshold.</summary>
    public static AnomalyClassifier Train(ClassificationData data, string label, ClassifierOptions options, string[]? groups)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (groups is not null && groups.Length != data.Count)
            throw new ArgumentException($"{groups.Length} group keys for {data.Count} rows", nameof(groups));
        return Train(data, Enumerable.Range(0, data.Count).ToArray(), label, options, groups);
    }

    /// <summary>Trains on some rows of prepared data (used by the cross-validation). <paramref name="groups"/> (one
    /// key per data row) keeps whole groups together in the inner folds of calibration and novelty; null = rows.</summary>
    internal static AnomalyClassifier Train(ClassificationData data, int[] rows, string label, ClassifierOptions o, string[]? groups = null)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.NumberOfTrees < 1 || o.NumberOfLeaves < 2 || o.MinimumExamplesPerLeaf < 1 || !(o.LearningRate > 0))
            throw new ArgumentException("classifier options: trees >= 1, leaves >= 2, examples per leaf >= 1, learning rate > 0", nameof(o));
        if (!(o.UnknownRate >= 0 && o.UnknownRate < 1))
            throw new ArgumentException($"unknown rate must be in [0, 1) (got {o.UnknownRate})", nameof(o));
        if (o.NeedsInnerFolds && o.InnerFolds < 2)
            throw new ArgumentException($"inner folds must be >= 2 (got {o.InnerFolds})", nameof(o));
        var present = rows.Select(r => data.Y[r]).Distinct().Count();
        if (present < 2)
            throw new ArgumentException($"training rows of label '{label}' hold a single class: a classifier needs at least 2", nameof(rows));
        var fit = Fit(data, rows, o);
        IReadOnlyList<PlattCalibration>? platt = null;
        IReadOnlyList<IsotonicCalibration>? isotonic = null;
        KnnNovelty? novelty = null;
        double threshold = double.NaN;
        if (o.NeedsInnerFolds)
        {
            var (oofProbability, oofNovelty) = InnerCrossValidation(data, rows, o, groups);
            int k = data.Classes.Length;
            double[] Probability(int c) => oofProbability.Select(p => p is null ? double.NaN : p[c]).ToArray();
            bool[] Outcome(int c) => rows.Select(r => data.Y[r] == c).ToArray();
            if (o.Calibration == ClassifierCalibration.Platt)
                platt = Enumerable.Range(0, k).Select(c => PlattCalibration.Fit(Probability(c), Outcome(c))).ToArray();
            else if (o.Calibration == ClassifierCalibration.Isotonic)
                isotonic = Enumerable.Range(0, k).Select(c => IsotonicCalibration.Fit(Probability(c), Outcome(c))).ToArray();
            if (o.UnknownRate > 0)
            {
                novelty = KnnNovelty.Fit(rows.Select(r => data.X[r]).ToArray(), o.NoveltyNeighbours);
                threshold = FeatureMatrixBuilder.Quantile(oofNovelty, 1 - o.UnknownRate);
            }
        }
        var info = new ClassifierModelInfo(label, data.Features, data.Classes, data.LabelIsNumeric, o.Trainer.ToString(),
            fit.Imputation, fit.Weights, rows.Length, FormatVersion: 2, Resampling: ClassResampler.Name(o.Resampling),
            Calibration: platt, Novelty: novelty, NoveltyThreshold: threshold, FittedClassCounts: fit.Counts,
            IsotonicCalibration: isotonic);
        return new AnomalyClassifier(fit.Ml, fit.Model, info) { TrainingOrigins = fit.Origins };
    }

    /// <summary>Data row behind every row the final fit saw (copies and SMOTE rows name the rows they came from,
    /// SMOTE neighbours included); not saved with the model.</summary>
    internal int[] TrainingOrigins { get; private init; } = [];

    private sealed record Fitted(MLContext Ml, ITransformer Model, double[] Imputation, double[] Weights, int[] Origins, int[] Counts);

    /// <summary>One tree model on the rows: median imputation, resampling of those rows only, class weights.</summary>
    private static Fitted Fit(ClassificationData data, int[] rows, ClassifierOptions o)
    {
        int k = data.Classes.Length;
        int f = data.Features.Length;
        var imputation = Enumerable.Range(0, f)
            .Select(j => FeatureMatrixBuilder.Median(rows.Select(r => (double)data.X[r][j]).Where(double.IsFinite)))
            .Select(m => double.IsNaN(m) ? 0.0 : m).ToArray();
        var imputed = rows.Select(r => Impute(data.X[r], imputation)).ToArray();
        var y = rows.Select(r => data.Y[r]).ToArray();
        var scale = Enumerable.Range(0, f).Select(j =>
        {
            var col = imputed.Select(x => (double)x[j]).ToArray();
            double iqr = FeatureMatrixBuilder.Quantile(col, 0.75) - FeatureMatrixBuilder.Quantile(col, 0.25);
            return iqr > 0 ? iqr : 1.0;
        }).ToArray();
        var resampled = ClassResampler.Resample(imputed, y, k, o.Resampling, o.Seed, scale);
        var counts = ClassResampler.Counts(resampled.Y, k);
        int present = counts.Count(c => c > 0);
        var weights = counts.Select(c => o.BalanceClasses && c > 0 ? (double)resampled.Y.Length / (present * c) : 1.0).ToArray();

        var ml = new MLContext(o.Seed);
        var training = ml.Data.LoadFromEnumerable(resampled.X.Select((x, t) => new Row
        {
            Features = x,
            Positive = resampled.Y[t] == 1,
            Label = (uint)resampled.Y[t],
            Weight = (float)weights[resampled.Y[t]],
        }), RowSchema(f, k));
        var model = Trainer(ml, o, k).Fit(training);
        var origins = resampled.Origin.Select(t => rows[t])
            .Concat(resampled.Neighbour.Where(t => t >= 0).Select(t => rows[t])).ToArray();
        return new Fitted(ml, model, imputation, weights, origins, counts);
    }

    /// <summary>Out-of-fold raw class probabilities and novelty scores of the training rows (whole groups per inner fold).</summary>
    private static (double[]?[] Probability, double[] Novelty) InnerCrossValidation(ClassificationData data, int[] rows,
        ClassifierOptions o, string[]? groups)
    {
        var keys = rows.Select(r => groups?[r] ?? r.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        int folds = Math.Min(o.InnerFolds, keys.Distinct().Count());
        var fold = folds >= 2 ? SpatialBlockedCrossValidation.AssignBlocks(keys, folds, o.Seed)
            : rows.Select((_, t) => t % o.InnerFolds).ToArray(); // one group only: split its rows
        folds = fold.Max() + 1;
        var probability = new double[]?[rows.Length];
        var novelty = Enumerable.Repeat(double.NaN, rows.Length).ToArray();
        for (int f = 0; f < folds; f++)
        {
            var inTrain = Enumerable.Range(0, rows.Length).Where(t => fold[t] != f).ToArray();
            var inTest = Enumerable.Range(0, rows.Length).Where(t => fold[t] == f).ToArray();
            if (inTest.Length == 0) continue;
            var trainRows = inTrain.Select(t => rows[t]).ToArray();
            var testX = inTest.Select(t => data.X[rows[t]]).ToArray();
            if (o.UnknownRate > 0 && trainRows.Length > 0)
            {
                var scores = KnnNovelty.Fit(trainRows.Select(r => data.X[r]).ToArray(), o.NoveltyNeighbours).Score(testX);
                for (int t = 0; t < inTest.Length; t++) novelty[inTest[t]] = scores[t];
            }
            if (!o.Calibrates || trainRows.Select(r => data.Y[r]).Distinct().Count() < 2) continue;
            var fit = Fit(data, trainRows, o);
            var raw = RawProbabilities(fit.Ml, fit.Model, testX, fit.Imputation, data.Classes.Length, out var known);
            for (int t = 0; t < known.Length; t++) probability[inTest[known[t]]] = raw[t];
        }
        return (probability, novelty);
    }

    /// <summary>Predicts every row of a table holding the model's indicator columns.</summary>
    public ClassPrediction Predict(SampleTable table) => Predict(ClassificationData.FeatureRows(table, Info.Features));

    /// <summary>Predicts rows of indicator values (model feature order; NaN = missing).</summary>
    public ClassPrediction Predict(IReadOnlyList<float[]> x)
    {
        int k = Info.Classes.Count, n = x.Count;
        var perRow = RawProbabilities(_ml, _model, x, Info.Imputation, k, out var known);
        IReadOnlyList<IProbabilityCalibration>? calibration = Info.Calibration ?? (IReadOnlyList<IProbabilityCalibration>?)Info.IsotonicCalibration;
        if (calibration is not null) perRow = perRow.Select(p => Calibrated(p, calibration)).ToArray();
        var predicted = Enumerable.Repeat(-1, n).ToArray();
        var probability = Enumerable.Repeat(double.NaN, n).ToArray();
        var classProbabilities = Enumerable.Range(0, n).Select(_ => Enumerable.Repeat(double.NaN, k).ToArray()).ToArray();
        for (int t = 0; t < known.Length; t++)
        {
            int i = known[t];
            var p = perRow[t];
            int best = 0;
            for (int c = 1; c < k; c++) if (p[c] > p[best]) best = c;
            predicted[i] = best; probability[i] = p[best]; classProbabilities[i] = p;
        }
        double[]? novelty = null;
        bool[]? unknown = null;
        if (Info.Novelty is { } reference)
        {
            novelty = reference.Score(x);
            unknown = novelty.Select(v => double.IsFinite(v) && v > Info.NoveltyThreshold).ToArray();
        }
        return new ClassPrediction(predicted, probability, classProbabilities, novelty, unknown);
    }

    /// <summary>Class probabilities of the rows with at least one indicator (their indices in <paramref name="known"/>).</summary>
    private static double[][] RawProbabilities(MLContext ml, ITransformer model, IReadOnlyList<float[]> x, IReadOnlyList<double> imputation,
        int k, out int[] known)
    {
        known = Enumerable.Range(0, x.Count).Where(i => x[i].Any(float.IsFinite)).ToArray();
        var data = ml.Data.LoadFromEnumerable(known.Select(i => new Row
        {
            Features = Impute(x[i], imputation),
            Label = 0,
        }), RowSchema(imputation.Count, k));
        var output = model.Transform(data);
        return k == 2
            ? output.GetColumn<float>("Probability").Select(p => new[] { 1.0 - p, p }).ToArray()
            : output.GetColumn<float[]>("Score").Select(Normalise).ToArray();
    }

    /// <summary>Two classes: the positive class calibrated, the other its complement; more: each class calibrated
    /// one-versus-rest, then renormalised.</summary>
    private static double[] Calibrated(double[] p, IReadOnlyList<IProbabilityCalibration> calibration)
    {
        if (p.Length == 2)
        {
            double positive = calibration[1].Apply(p[1]);
            return [1 - positive, positive];
        }
        var q = p.Select((v, c) => calibration[c].Apply(v)).ToArray();
        double sum = q.Sum();
        return sum > 0 ? q.Select(v => v / sum).ToArray() : p;
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

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

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
