using System.Globalization;
using System.Text.Json.Nodes;
using GisBridge.Algorithms.Isotopes;
using GisBridge.Protocol.V1;
using GisBridge.Server.Geochemistry;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using GisBridge.Server.Regions;

namespace GisBridge.Server.Analysis;

/// <summary>Proportions of the mantle end-members in each sample (least squares on the isotope ratios it has,
/// proportions >= 0 summing to 1): em_NAME fields, em_misfit, em_ratios_used and dominant_em on the samples.</summary>
public sealed class EndMemberMixingJob : IJob<EndMemberMixingOptions>
{
    public InputNeeds Needs(EndMemberMixingOptions o) => InputNeeds.File("samples");

    public const string DominantField = "dominant_em", MisfitField = "em_misfit", RatiosUsedField = "em_ratios_used";
    private static readonly string[] Elements = ["Sr", "Nd", "Pb", "Pb", "Pb"];

    public static string ProportionField(string endMember) =>
        "em_" + new string(endMember.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    public void Run(EndMemberMixingOptions o, JobInputs inputs, JobOutputs outputs, JobContext ctx)
    {
        var members = Members(o);
        var ratioNames = SampleTableIo.Names(o.Ratios);
        if (ratioNames.Length == 0) ratioNames = MantleEndMembers.Ratios;
        var ratioIndex = ratioNames.Select(r => Array.IndexOf(MantleEndMembers.Ratios, r) is var i and >= 0 ? i
            : throw new JobInputException("ratios", $"'{r}' is not one of {string.Join(", ", MantleEndMembers.Ratios)}")).Distinct().ToArray();
        int minRatios = o.MinRatios > 0 ? o.MinRatios : 3;
        if (minRatios > ratioIndex.Length)
            throw new JobInputException("min_ratios", $"{minRatios} ratios required but only {ratioIndex.Length} fitted");
        var mixing = members.Select(m => m.ToMixing()).Select(m => new EndMember(m.Name,
            ratioIndex.Select(j => m.Ratios[j]).ToArray(), ratioIndex.Select(j => m.Concentrations[j]).ToArray())).ToArray();
        foreach (var member in mixing)
            if (member.Ratios.Any(v => !double.IsFinite(v)))
                throw new JobInputException("compositions", $"end-member '{member.Name}' lacks {MantleEndMembers.Ratios[ratioIndex[Array.FindIndex(member.Ratios, v => !double.IsFinite(v))]]}");

        ctx.Report(0, "reading", "reading samples");
        var table = SampleTableIo.Read(inputs.FilePath("samples"), "samples");
        var present = ratioIndex.Where(j => table.HasNumeric(MantleEndMembers.Ratios[j])).ToArray();
        if (present.Length == 0)
            throw new JobInputException("samples", $"the samples have none of the isotope ratios {string.Join(", ", ratioNames)}");
        var columns = ratioIndex.Select(j => table.HasNumeric(MantleEndMembers.Ratios[j]) ? table.Numeric(MantleEndMembers.Ratios[j]) : null).ToArray();

        ctx.Report(0.1, "mixing", $"{members.Count} end-members on {ratioIndex.Length} ratios");
        int n = table.RowCount, m = members.Count;
        var proportions = Enumerable.Range(0, m).Select(_ => Enumerable.Repeat(double.NaN, n).ToArray()).ToArray();
        var misfit = Enumerable.Repeat(double.NaN, n).ToArray();
        var used = new double[n];
        var dominant = new string?[n];
        for (int r = 0; r < n; r++)
        {
            ctx.Cancellation.ThrowIfCancellationRequested();
            var sample = columns.Select(c => c is not null && double.IsFinite(c[r]) && c[r] > 0 ? c[r] : double.NaN).ToArray();
            used[r] = sample.Count(double.IsFinite);
            if (used[r] < minRatios) continue;
            var fit = EndMemberMixing.Fit(mixing, sample);
            for (int e = 0; e < m; e++) proportions[e][r] = fit.Proportions[e];
            misfit[r] = fit.Misfit;
            dominant[r] = members[Array.IndexOf(fit.Proportions, fit.Proportions.Max())].Name;
        }
        for (int e = 0; e < m; e++) table.SetNumeric(ProportionField(members[e].Name), proportions[e]);
        table.SetNumeric(MisfitField, misfit);
        table.SetNumeric(RatiosUsedField, used);
        table.SetText(DominantField, dominant);

        ctx.Report(0.8, "writing", "samples");
        var path = Path.Combine(ctx.WorkDir, "samples.gpkg");
        OgrVectorWriter.WriteGeoPackage(path, "samples", SampleTableLayer.ToLayer(table, "samples"));
        outputs.AddFile("samples", path);

        int fitted = dominant.Count(d => d is not null);
        var modes = ratioIndex.Select((j, k) => (Name: MantleEndMembers.Ratios[j],
            Mode: mixing.All(e => double.IsFinite(e.Concentrations[k]) && e.Concentrations[k] > 0) ? $"weighted by {Elements[j]} concentration" : "linear")).ToArray();
        var counts = members.Select(e => (e.Name, Count: dominant.Count(d => d == e.Name))).ToArray();
        outputs.Result.Message = string.Create(CultureInfo.InvariantCulture,
            $"end-member proportions of {fitted} of {n} samples ({string.Join(", ", counts.Select(c => $"{c.Name} dominant {c.Count}"))}); " +
            $"mixing: {string.Join(", ", modes.Select(x => $"{x.Name} {x.Mode}"))}");
        outputs.Result.ReportJson = new JsonObject
        {
            ["samples"] = n,
            ["samples_fitted"] = fitted,
            ["min_ratios"] = minRatios,
            ["median_misfit"] = Median(misfit),
            ["mixing"] = new JsonObject(modes.Select(x => KeyValuePair.Create(x.Name, (JsonNode?)x.Mode))),
            ["dominant"] = new JsonObject(counts.Select(c => KeyValuePair.Create(c.Name, (JsonNode?)c.Count))),
            ["end_members"] = new JsonArray(members.Select(Row).ToArray()),
        }.ToJsonString();
        ctx.Report(1, "done", outputs.Result.Message);
    }

    /// <summary>The built-in table (all or the named ones), or the caller's compositions.</summary>
    internal static IReadOnlyList<MantleEndMember> Members(EndMemberMixingOptions o)
    {
        IReadOnlyList<MantleEndMember> members;
        if (o.Compositions.Count > 0)
        {
            if (o.EndMembers.Count > 0) throw new JobInputException("end_members", "give either end-member names or compositions, not both");
            members = o.Compositions.Select(FromRequest).ToArray();
        }
        else
        {
            try { members = MantleEndMembers.Select(o.EndMembers.SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray()); }
            catch (ArgumentException e) { throw new JobInputException("end_members", e.Message.Split(" (Parameter")[0]); }
        }
        if (members.Count < 2) throw new JobInputException("end_members", $"mixing needs at least two end-members ({members.Count} given)");
        var duplicate = members.GroupBy(e => ProportionField(e.Name)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new JobInputException("end_members", $"end-member '{duplicate.Key}' given twice");
        return members;
    }

    private static MantleEndMember FromRequest(EndMemberComposition c)
    {
        if (string.IsNullOrWhiteSpace(c.Name)) throw new JobInputException("compositions", "an end-member has no name");
        string citation = string.IsNullOrWhiteSpace(c.Citation) ? "given by the user" : c.Citation.Trim();
        CitedValue V(double v, string what) => v switch
        {
            0 => CitedValue.None,
            > 0 when double.IsFinite(v) => new CitedValue(v, citation),
            _ => throw new JobInputException("compositions", $"end-member '{c.Name}': {what} must be positive (got {v})"),
        };
        return new MantleEndMember(c.Name.Trim(), [V(c.Sr87Sr86, "sr87_sr86"), V(c.Nd143Nd144, "nd143_nd144"), V(c.Pb206Pb204, "pb206_pb204"),
            V(c.Pb207Pb204, "pb207_pb204"), V(c.Pb208Pb204, "pb208_pb204")], V(c.SrPpm, "sr_ppm"), V(c.NdPpm, "nd_ppm"), V(c.PbPpm, "pb_ppm"));
    }

    private static JsonObject Row(MantleEndMember e)
    {
        var row = new JsonObject { ["name"] = e.Name };
        string[] names = [.. MantleEndMembers.Ratios, "sr_ppm", "nd_ppm", "pb_ppm"];
        foreach (var (v, name) in e.Values.Zip(names))
            if (double.IsFinite(v.Value))
                row[name] = new JsonObject { ["value"] = v.Value, ["citation"] = v.Citation, ["approximation"] = v.Approximation };
        return row;
    }

    private static double? Median(double[] v)
    {
        var s = v.Where(double.IsFinite).Order().ToArray();
        return s.Length == 0 ? null : s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }
}
