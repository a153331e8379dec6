using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using GisBridge.Algorithms.Regions;
using GisBridge.Server.Regions;
using SkiaSharp;

namespace GisBridge.Server.Tests.Regions;

/// <summary>Issue 16: the Dupal Δ8/4 = 40 and NHRL lines that the PNG draws dashed must be dashed in the SVG too. The
/// dashes are found in the PNG's pixels and, independently, in the SVG's geometry (parsed as XML), row by row.</summary>
public sealed partial class ProfileChartSvgTests(ITestOutputHelper output)
{
    private const int Width = 600, Height = 400;

    [Fact]
    public void ReferenceLinesDashedInThePng_AreDashedInTheSvg()
    {
        var folder = Directory.CreateTempSubdirectory("gisbridge-profile-svg-").FullName;
        try
        {
            // Values kept away from 0 and 40 so that no point sits on a reference line.
            double[] x = [0, 100, 200, 300, 400, 500, 600, 700, 800, 900];
            double[] y = [-20, 15, 25, 60, 75, 90, 55, 20, 12, 70];
            var samples = x.Select((p, i) => new ProfileSample("A", i, p, p / 100, 0, [y[i]])).ToArray();
            var profile = new RidgeProfile(["delta_8_4"], RidgeOrder.Longitude, "Longitude", [new ProfileSeries("A", samples)]);
            string png = Path.Combine(folder, "chart.png"), svg = Path.Combine(folder, "chart.svg");
            ProfileChart.SavePng(profile, png, Width, Height, null);
            ProfileChart.SaveSvg(profile, svg, Width, Height, null);

            var lines = GreyHorizontalLines(XDocument.Load(svg));
            foreach (var (row, pieces) in lines)
                output.WriteLine($"SVG y {row:F1}: {pieces.Count} pieces, {pieces.Sum(p => p.Right - p.Left):F0} px drawn of {pieces[^1].Right - pieces[0].Left:F0}");
            Assert.Equal(2, lines.Count); // Dupal 40 above NHRL 0

            using var bitmap = SKBitmap.Decode(png);
            foreach (var (row, pieces) in lines)
            {
                var dashes = GreyRuns(bitmap, (int)Math.Floor(row), (int)pieces[0].Left, (int)Math.Ceiling(pieces[^1].Right));
                output.WriteLine($"PNG row {Math.Floor(row)}: {dashes} dashes");
                Assert.True(dashes >= 10, $"the PNG draws the line at y {row:F1} dashed ({dashes} dashes)");
                Assert.True(pieces.Count >= 10, $"the SVG line at y {row:F1} has {pieces.Count} pieces, not dashes");
                Assert.InRange(pieces.Count, dashes - 2, dashes + 2); // the same dashes, allowing for the ends
                Assert.All(pieces, p => Assert.True(p.Right - p.Left < 12, $"a piece of {p.Right - p.Left:F1} px is no dash"));
            }
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    /// <summary>Every grey (#808080) horizontal piece of the SVG, whether a stroked segment or a filled dash outline,
    /// grouped by its row (pieces of identical elements drawn twice are counted once).</summary>
    private static List<(double Row, List<(double Left, double Right)> Pieces)> GreyHorizontalLines(XDocument svg)
    {
        var byRow = new SortedDictionary<double, SortedSet<(double, double)>>();
        foreach (var e in svg.Descendants().Where(e => e.Name.LocalName == "path"))
        {
            bool grey = IsGrey((string?)e.Attribute("stroke")) || IsGrey((string?)e.Attribute("fill"));
            if (!grey || (string?)e.Attribute("d") is not string d) continue;
            var (dx, dy) = Translation((string?)e.Attribute("transform"));
            foreach (var sub in SubPaths(d))
            {
                double top = sub.Min(p => p.Y) + dy, bottom = sub.Max(p => p.Y) + dy;
                if (bottom - top > 3) continue; // not horizontal
                double row = Math.Round((top + bottom) / 2, 1);
                if (!byRow.TryGetValue(row, out var set)) byRow[row] = set = [];
                set.Add((Math.Round(sub.Min(p => p.X) + dx, 2), Math.Round(sub.Max(p => p.X) + dx, 2)));
            }
        }
        return byRow.Where(r => r.Value.Count > 1 || r.Value.Max!.Item2 - r.Value.Min.Item1 > 100)
            .Select(r => (r.Key, r.Value.ToList())).ToList();
    }

    private static bool IsGrey(string? colour) => colour is "gray" or "grey" or "#808080" or "#808080FF";

    private static (double, double) Translation(string? transform)
    {
        if (transform is null) return (0, 0);
        var m = TranslateRegex().Match(transform);
        Assert.True(m.Success, $"unexpected transform '{transform}'");
        return (double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>The points of each subpath of a path made of absolute M, L and Z commands (the form Skia writes).</summary>
    private static IEnumerable<List<(double X, double Y)>> SubPaths(string d)
    {
        var tokens = TokenRegex().Matches(d).Select(m => m.Value).ToList();
        List<(double, double)>? current = null;
        for (int i = 0; i < tokens.Count;)
        {
            string t = tokens[i++];
            if (t is "Z" or "z") continue;
            Assert.True(t is "M" or "L", $"unexpected path command '{t}' in a grey line");
            var p = (double.Parse(tokens[i++], CultureInfo.InvariantCulture), double.Parse(tokens[i++], CultureInfo.InvariantCulture));
            if (t == "M")
            {
                if (current is { Count: > 1 }) yield return current;
                current = [];
            }
            current!.Add(p);
            while (i < tokens.Count && char.IsAsciiDigit(tokens[i][^1]))
                current.Add((double.Parse(tokens[i++], CultureInfo.InvariantCulture), double.Parse(tokens[i++], CultureInfo.InvariantCulture)));
        }
        if (current is { Count: > 1 }) yield return current;
    }

    /// <summary>Runs of grey pixels (dark and neutral) along one row of the PNG.</summary>
    private static int GreyRuns(SKBitmap bitmap, int row, int left, int right)
    {
        int runs = 0;
        bool inRun = false;
        for (int x = Math.Max(0, left); x <= Math.Min(bitmap.Width - 1, right); x++)
        {
            var c = bitmap.GetPixel(x, row);
            bool grey = c.Red < 200 && Math.Abs(c.Red - c.Green) < 10 && Math.Abs(c.Green - c.Blue) < 10;
            if (grey && !inRun) runs++;
            inRun = grey;
        }
        return runs;
    }

    [GeneratedRegex(@"translate\(\s*(-?[\d.]+)[\s,]+(-?[\d.]+)\s*\)")]
    private static partial Regex TranslateRegex();

    [GeneratedRegex(@"[MLZmlz]|-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")]
    private static partial Regex TokenRegex();
}
