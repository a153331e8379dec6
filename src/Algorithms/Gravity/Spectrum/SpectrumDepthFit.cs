namespace GisBridge.Algorithms.Gravity.Spectrum;

/// <summary>One straight line ln P = Intercept + Slope k over [MinRadPerKm, MaxRadPerKm] and the depth it gives.</summary>
public sealed record SpectrumSegment(double MinRadPerKm, double MaxRadPerKm, int Bins, double Slope, double Intercept,
    double RSquared)
{
    /// <summary>Spector &amp; Grant (1970): for an ensemble of sources at mean depth z, P(k) ~ exp(-2 z k), so
    /// z = -slope / 2 (km, with k in rad/km).</summary>
    public double DepthKm => -Slope / 2;
}

/// <summary>Suggested regional/residual split: continue upward by <see cref="HeightMetres"/>.</summary>
public sealed record SeparationSuggestion(double HeightMetres, double InterfaceDepthKm, double BreakRadPerKm, string Basis);

/// <summary>
/// Straight-line fits to ln P(k): over the given ranges, or with the breaks between segments placed where the
/// summed squared residual of the piecewise fit is least (exhaustive search with prefix sums: O(bins) for two
/// segments, O(bins^2) for three). Written here because the fit is the science of the method: an ordinary
/// least-squares line per segment.
/// </summary>
public static class SpectrumDepthFit
{
    internal static void Check(RadialSpectrumOptions o)
    {
        if (o.Segments is < 1 or > 3)
            throw new ArgumentException($"Segments must be 1, 2 or 3 (straight segments found automatically), got {o.Segments}");
        if (o.MinBinsPerSegment < 3)
            throw new ArgumentException($"MinBinsPerSegment must be at least 3, got {o.MinBinsPerSegment}");
        if (!(o.PowerFloor is >= 0 and < 1))
            throw new ArgumentException($"PowerFloor must be in [0, 1) (fraction of the largest bin's power), got {o.PowerFloor}");
        double previous = 0;
        foreach (var r in o.Ranges ?? [])
        {
            if (!(double.IsFinite(r.MinRadPerKm) && double.IsFinite(r.MaxRadPerKm) && r.MinRadPerKm >= 0 && r.MaxRadPerKm > r.MinRadPerKm))
                throw new ArgumentException($"wavenumber range {r.MinRadPerKm}..{r.MaxRadPerKm} rad/km is not a range (0 <= min < max)");
            if (r.MinRadPerKm < previous)
                throw new ArgumentException($"wavenumber ranges must be in increasing order without overlap: {r.MinRadPerKm} rad/km starts before the previous range ends ({previous})");
            previous = r.MaxRadPerKm;
        }
    }

    public static IReadOnlyList<SpectrumSegment> Fit(IReadOnlyList<SpectrumBin> bins, RadialSpectrumOptions o, List<string> warnings)
    {
        if (o.Ranges is { Count: > 0 })
        {
            var fitted = new List<SpectrumSegment>();
            foreach (var r in o.Ranges)
            {
                var inRange = bins.Where(b => b.RadPerKm >= r.MinRadPerKm && b.RadPerKm <= r.MaxRadPerKm && b.MeanPower > 0).ToArray();
                if (inRange.Length < 2)
                    throw new ArgumentException(
                        $"wavenumber range {r.MinRadPerKm}..{r.MaxRadPerKm} rad/km holds {inRange.Length} spectrum bin(s); " +
                        $"the spectrum has bins from {bins[0].RadPerKm:G4} to {bins[^1].RadPerKm:G4} rad/km every {bins[0].RadPerKm:G4}");
                fitted.Add(Line(inRange, 0, inRange.Length));
            }
            return fitted;
        }
        // The first bin holds the taper's and the grid size's imprint, not the sources': skipped.
        double max = bins.Max(b => b.MeanPower);
        var usable = bins.Skip(1).TakeWhile(b => b.MeanPower > o.PowerFloor * max).ToArray();
        int segments = o.Segments;
        while (segments > 1 && usable.Length < segments * o.MinBinsPerSegment) segments--;
        if (segments < o.Segments)
            warnings.Add($"only {usable.Length} usable spectrum bins: fitted {segments} segment(s) instead of {o.Segments}");
        if (usable.Length < 2) throw new ArgumentException($"only {usable.Length} usable spectrum bin(s) above the power floor; nothing to fit");
        var breaks = Breaks(usable, segments, o.MinBinsPerSegment);
        var result = new List<SpectrumSegment>();
        for (int s = 0; s < segments; s++) result.Add(Line(usable, breaks[s], breaks[s + 1]));
        foreach (var seg in result.Where(seg => seg.DepthKm <= 0))
            warnings.Add($"the segment {seg.MinRadPerKm:G3}..{seg.MaxRadPerKm:G3} rad/km does not fall with k (slope {seg.Slope:G3}): " +
                "a noise floor or aliasing, not a source ensemble");
        return result;
    }

    /// <summary>Jacobsen (1987, Geophysics 52(8), 1138-1148): upward continuation to height 2 z0 is the best
    /// estimate of the field of the sources below depth z0. With a deep and a shallower ensemble, z0 is taken
    /// midway between their depths, i.e. h = z_deep + z_shallow; the break between the two segments (where
    /// their powers are equal) is reported beside it.</summary>
    public static SeparationSuggestion? Separation(IReadOnlyList<SpectrumSegment> segments)
    {
        var sources = segments.Where(s => s.DepthKm > 0).ToArray();
        if (sources.Length < 2) return null;
        // The two deepest ensembles, in wavenumber order (deep first).
        var deep = sources[0];
        var shallow = sources[1];
        if (shallow.DepthKm >= deep.DepthKm) return null;
        double z0 = (deep.DepthKm + shallow.DepthKm) / 2;
        // Lines cross where deep.Intercept + deep.Slope k = shallow.Intercept + shallow.Slope k.
        double kBreak = (shallow.Intercept - deep.Intercept) / (deep.Slope - shallow.Slope);
        return new SeparationSuggestion(2 * z0 * 1000, z0, kBreak,
            "Jacobsen (1987): continue to 2 z0, z0 midway between the deep and the shallow ensemble depths");
    }

    private static SpectrumSegment Line(IReadOnlyList<SpectrumBin> b, int start, int end)
    {
        double n = end - start, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
        for (int i = start; i < end; i++)
        {
            double x = b[i].RadPerKm, y = b[i].LnPower;
            sx += x; sy += y; sxx += x * x; sxy += x * y; syy += y * y;
        }
        double vx = sxx - sx * sx / n, cxy = sxy - sx * sy / n, vy = syy - sy * sy / n;
        double slope = vx > 0 ? cxy / vx : 0, intercept = (sy - slope * sx) / n;
        double r2 = vx > 0 && vy > 0 ? cxy * cxy / (vx * vy) : 1;
        return new SpectrumSegment(b[start].RadPerKm, b[end - 1].RadPerKm, end - start, slope, intercept, r2);
    }

    /// <summary>Segment boundaries (indices, first 0, last n) minimising the summed squared residual.</summary>
    private static int[] Breaks(IReadOnlyList<SpectrumBin> b, int segments, int minBins)
    {
        int n = b.Count;
        var px = new double[n + 1]; var py = new double[n + 1]; var pxx = new double[n + 1]; var pxy = new double[n + 1]; var pyy = new double[n + 1];
        for (int i = 0; i < n; i++)
        {
            double x = b[i].RadPerKm, y = b[i].LnPower;
            px[i + 1] = px[i] + x; py[i + 1] = py[i] + y; pxx[i + 1] = pxx[i] + x * x; pxy[i + 1] = pxy[i] + x * y; pyy[i + 1] = pyy[i] + y * y;
        }
        double Sse(int s, int e)
        {
            double m = e - s, sx = px[e] - px[s], sy = py[e] - py[s];
            double vx = pxx[e] - pxx[s] - sx * sx / m, cxy = pxy[e] - pxy[s] - sx * sy / m, vy = pyy[e] - pyy[s] - sy * sy / m;
            return Math.Max(0, vx > 0 ? vy - cxy * cxy / vx : vy);
        }
        if (segments == 1 || n < 2 * minBins) return [0, n];
        if (segments == 2)
        {
            int best = minBins; double bestSse = double.MaxValue;
            for (int k = minBins; k <= n - minBins; k++)
            {
                double e = Sse(0, k) + Sse(k, n);
                if (e < bestSse) { bestSse = e; best = k; }
            }
            return [0, best, n];
        }
        int b1 = minBins, b2 = 2 * minBins; double best3 = double.MaxValue;
        for (int k1 = minBins; k1 <= n - 2 * minBins; k1++)
        {
            double left = Sse(0, k1);
            for (int k2 = k1 + minBins; k2 <= n - minBins; k2++)
            {
                double e = left + Sse(k1, k2) + Sse(k2, n);
                if (e < best3) { best3 = e; b1 = k1; b2 = k2; }
            }
        }
        return [0, b1, b2, n];
    }
}
