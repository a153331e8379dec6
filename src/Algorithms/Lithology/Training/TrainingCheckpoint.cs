using System.Text.Json;

namespace GisBridge.Algorithms.Lithology.Training;

/// <summary>
/// State to resume training after an epoch: the card, current and best weights, the optimiser state and the
/// history. <see cref="WriteTo"/> / <see cref="ReadFrom"/> store it as one binary stream.
/// </summary>
public sealed class TrainingCheckpoint
{
    private const string Magic = "GISBRIDGE-LITHO-CKPT/1";

    public required ModelCard Card { get; init; }
    public required int EpochsDone { get; init; }
    public required byte[] Weights { get; init; }
    public required byte[] BestWeights { get; init; }
    public double BestFwIou { get; init; } = double.NaN;
    /// <summary>"adam" or "sgd": the optimiser the state belongs to.</summary>
    public required string Optimizer { get; init; }
    public byte[] OptimizerState { get; init; } = [];
    public IReadOnlyList<EpochReport> History { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public void WriteTo(Stream stream)
    {
        using var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(Card.ToJson());
        w.Write(EpochsDone);
        w.Write(BestFwIou);
        w.Write(Optimizer);
        w.Write(JsonSerializer.Serialize(History, Json));
        foreach (var blob in new[] { Weights, BestWeights, OptimizerState })
        {
            w.Write(blob.Length);
            w.Write(blob);
        }
    }

    public static TrainingCheckpoint ReadFrom(Stream stream)
    {
        using var r = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            if (r.ReadString() != Magic) throw new ArgumentException("checkpoint: not a GisBridge lithology checkpoint");
            var card = ModelCard.FromJson(r.ReadString());
            int epochs = r.ReadInt32();
            double best = r.ReadDouble();
            string optimizer = r.ReadString();
            var history = JsonSerializer.Deserialize<List<EpochReport>>(r.ReadString(), Json) ?? [];
            byte[] Blob() => r.ReadBytes(r.ReadInt32());
            return new TrainingCheckpoint
            {
                Card = card, EpochsDone = epochs, BestFwIou = best, Optimizer = optimizer, History = history,
                Weights = Blob(), BestWeights = Blob(), OptimizerState = Blob(),
            };
        }
        catch (EndOfStreamException e) { throw new ArgumentException("checkpoint: the file is truncated", e); }
    }
}
