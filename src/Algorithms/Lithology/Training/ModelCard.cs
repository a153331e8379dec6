using System.Text.Json;
using System.Text.Json.Serialization;
using GisBridge.Algorithms.Lithology.Data;
using GisBridge.Algorithms.Lithology.Network;

namespace GisBridge.Algorithms.Lithology.Training;

/// <summary>
/// Everything needed to use trained weights (model.card.json beside the weights): architecture and its config,
/// input channels with their names and normalisation, classes with colours, the training data hash and metrics.
/// </summary>
public sealed record ModelCard
{
    public const string CurrentFormat = "gisbridge-lithology-model/1";

    public string Format { get; init; } = CurrentFormat;
    public required string Arch { get; init; }
    public required NetworkConfig Config { get; init; }
    public required int InChannels { get; init; }
    public IReadOnlyList<string> BandNames { get; init; } = [];
    public required IReadOnlyList<LithologyClass> Classes { get; init; }
    public required ChannelNormalization Normalization { get; init; }
    public string DatasetHash { get; init; } = "";
    public int EpochsTrained { get; init; }
    /// <summary>Ground size of the training tiles' cells in metres, to warn when a prediction's input is at another
    /// scale; null for cards written before this field or data of unknown scale.</summary>
    public double? TrainingCellSizeMetres { get; init; }
    /// <summary>The loss's class weights: "median-frequency" (also every card written before this field) or "none".</summary>
    public string ClassWeighting { get; init; } = MedianFrequency;
    public const string MedianFrequency = "median-frequency";

    public static string ClassWeightingOf(bool weighted) => weighted ? MedianFrequency : "none";
    /// <summary>Metrics by name, e.g. "val.mpa", "val.fwiou", "test.miou".</summary>
    public Dictionary<string, double> Metrics { get; init; } = [];
    /// <summary>Reliability diagram and ECE of the confidence on the validation split (null: no validation tiles).</summary>
    public CalibrationReport? Calibration { get; init; }
    public string CreatedUtc { get; init; } = DateTime.UtcNow.ToString("o", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static ModelCard FromJson(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        ModelCard? card;
        try { card = JsonSerializer.Deserialize<ModelCard>(json, Options); }
        catch (JsonException e) { throw new ArgumentException($"model card: invalid JSON ({e.Message})", e); }
        if (card is null) throw new ArgumentException("model card: empty document");
        card.Validate();
        return card;
    }

    /// <summary>Checks the card is self-consistent (format, arch, channels vs normalisation, classes).</summary>
    public void Validate()
    {
        if (Format != CurrentFormat) throw new ArgumentException($"model card: format '{Format}' is not '{CurrentFormat}'");
        if (!NetworkFactory.Architectures.Contains(Arch))
            throw new ArgumentException($"model card: unknown architecture '{Arch}'; use one of {string.Join(", ", NetworkFactory.Architectures)}");
        if (InChannels < 1) throw new ArgumentException($"model card: inChannels must be positive, got {InChannels}");
        if (Normalization is null || Normalization.Mean.Length != InChannels || Normalization.Std.Length != InChannels)
            throw new ArgumentException($"model card: normalisation must have {InChannels} means and standard deviations");
        if (Normalization.Std.Any(s => !(s > 0)))
            throw new ArgumentException("model card: normalisation standard deviations must be positive");
        if (Classes is null || Classes.Count < 2) throw new ArgumentException("model card: at least 2 classes are needed");
        if (TrainingCellSizeMetres is { } cell && !(cell > 0 && double.IsFinite(cell)))
            throw new ArgumentException($"model card: trainingCellSizeMetres must be a positive number of metres, got {cell}");
    }
}
