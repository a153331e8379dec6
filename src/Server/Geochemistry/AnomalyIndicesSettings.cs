using GisBridge.Algorithms.Geochemistry;
using GisBridge.Protocol.V1;
using AlgoFormat = GisBridge.Algorithms.Geochemistry.TableFormat;
using AlgoNa8 = GisBridge.Algorithms.Geochemistry.Na8Method;
using ProtoFormat = GisBridge.Protocol.V1.TableFormat;
using ProtoNa8 = GisBridge.Protocol.V1.Na8Method;
using ProtoBelow = GisBridge.Protocol.V1.BelowDetectionPolicy;
using AlgoBelow = GisBridge.Algorithms.Geochemistry.BelowDetectionPolicy;

namespace GisBridge.Server.Geochemistry;

/// <summary>Proto options -> reader and index options (defaults of the algorithms where a field is unset).</summary>
public static class AnomalyIndicesSettings
{
    public static ReaderOptions Reader(AnomalyIndicesOptions o, string sourceName) => new()
    {
        Format = o.Format switch
        {
            ProtoFormat.Auto => AlgoFormat.Auto,
            ProtoFormat.Georoc => AlgoFormat.Georoc,
            ProtoFormat.Petdb => AlgoFormat.Petdb,
            ProtoFormat.Gale => AlgoFormat.Gale,
            ProtoFormat.Csv => AlgoFormat.Csv,
            _ => throw new ArgumentException($"options.format: unknown value {(int)o.Format}"),
        },
        ColumnMapping = new Dictionary<string, string>(o.ColumnMapping, StringComparer.OrdinalIgnoreCase),
        BelowDetection = o.BelowDetection switch
        {
            ProtoBelow.BelowDetectionMissing => AlgoBelow.Missing,
            ProtoBelow.BelowDetectionHalfLimit => AlgoBelow.HalfLimit,
            _ => throw new ArgumentException($"options.below_detection: unknown value {(int)o.BelowDetection}"),
        },
        SourceName = sourceName,
    };

    public static AnomalyIndexOptions Indices(AnomalyIndicesOptions o)
    {
        var defaults = new AnomalyIndexOptions();
        var result = defaults with
        {
            Na8Method = o.Na8Method switch
            {
                ProtoNa8.KleinLangmuir1987 => AlgoNa8.KleinLangmuir1987,
                ProtoNa8.Gale2014 => AlgoNa8.Gale2014,
                ProtoNa8.Castillo2000 => AlgoNa8.Castillo2000,
                _ => throw new ArgumentException($"options.na8_method: unknown value {(int)o.Na8Method}"),
            },
            Na8Slope = o.HasNa8Slope ? o.Na8Slope : defaults.Na8Slope,
            Fe3Fraction = o.HasFe3Fraction ? o.Fe3Fraction : defaults.Fe3Fraction,
            DupalD84Threshold = o.HasDupalD84Threshold ? o.DupalD84Threshold : defaults.DupalD84Threshold,
        };
        if (result.DupalD84Threshold >= result.DupalModerateFrom)
        {
            // Keep the class bounds above a raised threshold: weak spans 20, moderate 20, then strong.
            result = result with { DupalModerateFrom = result.DupalD84Threshold + 20, DupalStrongFrom = result.DupalD84Threshold + 40 };
        }
        result.Validate();
        return result;
    }
}
