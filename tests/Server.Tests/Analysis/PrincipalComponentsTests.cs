using System.Globalization;
using System.Text;
using GisBridge.Algorithms.Analysis;
using GisBridge.Protocol.V1;
using GisBridge.Server.Analysis;
using GisBridge.Server.Io.Gdal;
using GisBridge.Server.Jobs;
using GisBridge.Server.Regions;
using GisBridge.Tests.Support;

namespace GisBridge.Server.Tests.Analysis;

/// <summary>PCA of the real Gale et al. (2013) analyses against NumPy's SVD of the same matrix, built in NumPy.</summary>
public sealed class PrincipalComponentsTests
{
    private static readonly string Gale = SharedData.Path("geochem", "Gale_2013_MOR_Sample_Data.csv");

    // NumPy builds the matrix from the raw values itself: rows with every field finite (and positive for CLR),
    // CLR = log x - row mean of log x, columns centred (and scaled by the n-1 standard deviation), then SVD.
    private const string Script = """
        import sys, numpy as np
        clr = sys.argv[1] == 'clr'
        x = np.genfromtxt(sys.stdin, delimiter=',', missing_values='', filling_values=np.nan)
        keep = np.all(np.isfinite(x), axis=1) & (np.all(x > 0, axis=1) if clr else True)
        x = x[keep]
        if clr:
            x = np.log(x); x = x - x.mean(axis=1, keepdims=True)
        x = x - x.mean(axis=0)
        if not clr:
            x = x / x.std(axis=0, ddof=1)
        u, s, vt = np.linalg.svd(x, full_matrices=False)
        k = x.shape[1] - 1 if clr else x.shape[1]
        print(x.shape[0])
        print(','.join(repr(float(v)) for v in s[:k]))
        for c in range(k): print(','.join(repr(float(v)) for v in vt[c]))
        for c in range(k): print(','.join(repr(float(v)) for v in (u[:, c] * s[c])))
        """;

    [Theory]
    [InlineData("clr", "sio2,tio2,al2o3,feot,mgo,cao,na2o,k2o")]
    [InlineData("standardise", "sr87_sr86,nd143_nd144,pb206_pb204,pb207_pb204,pb208_pb204")]
    public void MatchesNumpySvdOnTheGaleAnalyses(string transform, string fieldList)
    {
        var table = SampleTableIo.Read(Gale, "samples");
        var fields = fieldList.Split(',');
        var pca = PrincipalComponents.Fit(table, fields, transform == "clr" ? PcaTransform.Clr : PcaTransform.Standardise);
        var csv = new StringBuilder();
        for (int r = 0; r < table.RowCount; r++)
            csv.AppendLine(string.Join(",", fields.Select(f => table.Numeric(f)[r]).Select(v => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "")));
        var lines = ExternalTool.Run(ExternalTool.Python, ["-c", Script, transform], csv.ToString()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        double[] Row(int i) => lines[i].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(int.Parse(lines[0], CultureInfo.InvariantCulture), pca.Rows.Length);
        var s = Row(1);
        int k = s.Length, p = fields.Length;
        Assert.Equal(k, pca.SingularValues.Length);
        for (int c = 0; c < k; c++)
        {
            Assert.Equal(s[c], pca.SingularValues[c], 1e-6 * Math.Max(1, s[0]));
            var v = Row(2 + c);
            double sign = Math.Sign(Enumerable.Range(0, p).Sum(j => v[j] * pca.Loadings[j, c])); // numpy's sign is arbitrary
            for (int j = 0; j < p; j++) Assert.Equal(sign * v[j], pca.Loadings[j, c], 1e-6);
            var scores = Row(2 + k + c);
            Assert.Equal(pca.Rows.Length, scores.Length);
            for (int i = 0; i < scores.Length; i++) Assert.Equal(sign * scores[i], pca.Scores[i, c], 1e-6);
        }
        Assert.Equal(1, pca.VarianceRatio.Sum(), 1e-9);
    }

    [Fact]
    public void JobWritesScoresLoadingsAndCharts()
    {
        var folder = Directory.CreateTempSubdirectory("gisbridge-pca-").FullName;
        try
        {
            var inputs = new JobInputs();
            inputs.AddFile(new InputFile("samples", Path.GetFileName(Gale), Gale));
            var outputs = new JobOutputs();
            using (var ctx = new JobContext(CancellationToken.None, _ => { }, folder))
            {
                new PrincipalComponentsJob().Run(new PrincipalComponentsOptions { GroupField = "ridge", Components = 2 }, inputs, outputs, ctx);
                var files = outputs.Items.OfType<FileOutput>().ToDictionary(f => f.Name, f => f.Path);
                var layer = OgrVectorReader.Read(files["samples"]);
                int scored = layer.Features.Count(f => f.Attributes["pc1"] is not null);
                Assert.InRange(scored, 2000, 3218); // the analyses with all eight oxides
                Assert.DoesNotContain("pc3", layer.Fields.Select(f => f.Name));
                Assert.StartsWith("field,pc1,pc2", File.ReadLines(files["loadings"]).First());
                Assert.Equal(0x89, File.ReadAllBytes(files["chart_png"])[0]);
                Assert.Equal(0x89, File.ReadAllBytes(files["correlation_png"])[0]);
            }
            var bad = new PrincipalComponentsOptions();
            bad.Fields.Add("sio2,unobtainium");
            var inputs2 = new JobInputs();
            inputs2.AddFile(new InputFile("samples", Path.GetFileName(Gale), Gale));
            using var ctx2 = new JobContext(CancellationToken.None, _ => { }, folder);
            Assert.Contains("'unobtainium'", Assert.Throws<JobInputException>(() => new PrincipalComponentsJob().Run(bad, inputs2, new JobOutputs(), ctx2)).Message);
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
