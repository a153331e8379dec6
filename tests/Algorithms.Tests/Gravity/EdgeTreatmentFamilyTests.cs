using GisBridge.Algorithms.Gravity;
using Xunit.Abstractions;

namespace GisBridge.Algorithms.Tests.Gravity;

/// <summary>
/// The default continuation against the closed form and against GMT 6.4 `grdfft -C<h> -N+l` (`-fg` on lon/lat) on
/// every case of <see cref="EdgeCaseFamily"/>, GMT run in the same test: the default's interior error must not
/// exceed GMT's on any case but one (masses beyond the edges, within 1.3x).
/// </summary>
public class EdgeTreatmentFamilyTests(ITestOutputHelper output)
{
    [GmtFact]
    public void DefaultIsAtLeastAsAccurateAsGmtOnEveryCase()
    {
        var cases = EdgeCaseFamily.All();
        Assert.True(cases.Count >= 20);
        var worse = new List<string>();
        output.WriteLine("| case | grid | h (km) | GisBridge default | GMT grdfft -N+l |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var edgeCase in cases)
        {
            string dir = Directory.CreateTempSubdirectory("gisbridge-edge-").FullName;
            try
            {
                double gmt = GmtContinuation.InteriorError(edgeCase, GmtContinuation.Run(edgeCase, dir));
                double ours = GmtContinuation.InteriorError(edgeCase, Continue(edgeCase, new FftOptions()));
                output.WriteLine($"| {edgeCase.Name} | {edgeCase.Input.Width}x{edgeCase.Input.Height} | {edgeCase.Height / 1000:0.#} | " +
                    $"{ours * 100:0.0000} % | {gmt * 100:0.0000} % |");
                // Known exception (bench/README.md): masses 10-20 km beyond the edges, whose rising field GMT's
                // edge-point symmetry extrapolates better than a taper to the border plane; held within 1.3x of GMT.
                if (edgeCase.Name == "beyond-edges" ? ours > 1.3 * gmt : ours > gmt) worse.Add($"{edgeCase.Name}: {ours * 100:0.0000} % > GMT {gmt * 100:0.0000} %");
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        Assert.True(worse.Count == 0, "default less accurate than GMT on: " + string.Join("; ", worse));
    }

    internal static float[] Continue(EdgeCase edgeCase, FftOptions fft) =>
        UpwardContinuation.Run(edgeCase.Input, new UpwardContinuationOptions { Heights = [edgeCase.Height], Fft = fft })
            .Levels[0].Regional.Bands[0];
}
