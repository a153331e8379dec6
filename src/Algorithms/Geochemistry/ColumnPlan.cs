namespace GisBridge.Algorithms.Geochemistry;

/// <summary>How one source column is read: target name, kind, unit factor, and GEOROC conventions.</summary>
internal sealed record ColumnSpec(
    int Source, string Header, string Target, ColumnRole Role, double Scale, bool ZeroIsMissing, bool Alternative)
{
    /// <summary>Unknown header: typed after reading (numeric when every filled cell is a number).</summary>
    public bool Auto { get; init; }
    public bool IsText => Role == ColumnRole.Text && !Auto;
}

/// <summary>
/// Resolves a header row into column specs: user mapping first, then the format's defaults, then the alias
/// table; unknown headers are kept under a sanitised name. Records every decision in the report.
/// </summary>
internal static class ColumnPlan
{
    public static List<ColumnSpec> Build(IReadOnlyList<string> header, TableFormat format, ReaderOptions options, ImportReport report)
    {
        var specs = new List<ColumnSpec>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        var userMap = new Dictionary<string, string>(options.ColumnMapping, StringComparer.OrdinalIgnoreCase);
        var matchedUserKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var defaults = FormatConventions.DefaultMappings(format).ToDictionary(d => d.Header, StringComparer.OrdinalIgnoreCase);
        bool zeroNotDetected = FormatConventions.ZeroMeansNotDetected(format);
        // A format default that would duplicate a column the file really has (a Gale-style file with a proper
        // 207Pb/204Pb column) is not applied: the header then means what it says.
        var aliasTargets = header.Select(h => HeaderAliases.Resolve(h.Trim())?.Column.Name).Where(n => n is not null).ToHashSet();

        for (int i = 0; i < header.Count; i++)
        {
            string h = header[i].Trim();
            if (userMap.TryGetValue(h, out var target))
            {
                matchedUserKeys.Add(h);
                var spec = FromUser(i, h, target, zeroNotDetected, report);
                if (spec is not null) AddUnique(spec, "user mapping", null);
                continue;
            }
            if (h.Length == 0) { report.ColumnsIgnored.Add(new IgnoredColumn($"#{i + 1}", "empty header")); continue; }
            if (defaults.TryGetValue(h, out var def) && def.Canonical is not null && aliasTargets.Contains(def.Canonical))
                report.Notes.Add($"{FormatConventions.Label(format)} default for '{h}' not applied: the file has its own '{def.Canonical}' column");
            else if (defaults.TryGetValue(h, out def))
            {
                if (def.Canonical is null) { report.ColumnsIgnored.Add(new IgnoredColumn(h, def.Reason)); continue; }
                var c = HeaderAliases.Lookup(def.Canonical)!;
                AddUnique(new ColumnSpec(i, h, c.Name, c.Role, 1.0, zeroNotDetected && c.IsAnalytical, false),
                    $"{FormatConventions.Label(format)} default", def.Reason);
                report.Notes.Add(def.Reason);
                continue;
            }
            var match = HeaderAliases.Resolve(h);
            if (match is not null)
            {
                var c = match.Column;
                AddUnique(new ColumnSpec(i, h, c.Name, c.Role, match.Scale, zeroNotDetected && c.IsAnalytical, match.Alternative),
                    "alias table", match.Alternative ? "alternative values: fill cells where the main column is empty" : null,
                    match.SourceUnit);
                continue;
            }
            string name = Sanitise(h);
            if (name.Length == 0) { report.ColumnsIgnored.Add(new IgnoredColumn(h, "no letters or digits in the header")); continue; }
            AddUnique(new ColumnSpec(i, h, name, ColumnRole.OtherNumeric, 1.0, false, false) { Auto = true }, "kept as-is (not in the alias table)", null);
        }
        foreach (var key in userMap.Keys.Where(k => !matchedUserKeys.Contains(k)))
            throw new ArgumentException($"{options.SourceName}: mapping source '{key}' matches no column of the header (columns: {string.Join(", ", header.Where(h => h.Trim().Length > 0))})");
        // An alternative column with no main column is the main column; others come last and only fill gaps.
        var mains = specs.Where(s => !s.Alternative).Select(s => s.Target).ToHashSet(StringComparer.Ordinal);
        for (int k = 0; k < specs.Count; k++)
            if (specs[k].Alternative && mains.Add(specs[k].Target)) specs[k] = specs[k] with { Alternative = false };
        return [.. specs.Where(s => !s.Alternative).OrderBy(s => s.Source), .. specs.Where(s => s.Alternative)];

        void AddUnique(ColumnSpec spec, string origin, string? note, ValueUnit? sourceUnit = null)
        {
            if (!spec.Alternative && !used.Add(spec.Target))
            {
                if (spec.Auto) spec = spec with { Target = Unique(spec.Target, used) };
                else
                {
                    report.ColumnsIgnored.Add(new IgnoredColumn(spec.Header, $"another column already maps to '{spec.Target}' (the first is kept)"));
                    return;
                }
            }
            var canonical = HeaderAliases.Lookup(spec.Target);
            var unit = canonical?.Unit ?? ValueUnit.None;
            report.ColumnsMapped.Add(new ColumnMappingEntry(spec.Header, spec.Target, HeaderAliases.UnitLabel(unit),
                HeaderAliases.UnitLabel(sourceUnit ?? unit), spec.Scale, origin, note));
            specs.Add(spec);
        }
    }

    private static ColumnSpec? FromUser(int index, string header, string target, bool zeroNotDetected, ImportReport report)
    {
        string name = target.Trim(), unitText = "";
        int colon = name.IndexOf(':');
        if (colon >= 0) { unitText = name[(colon + 1)..]; name = name[..colon].Trim(); }
        if (name.Length == 0 || name.Equals("ignore", StringComparison.OrdinalIgnoreCase))
        {
            report.ColumnsIgnored.Add(new IgnoredColumn(header, "ignored by the user mapping"));
            return null;
        }
        if (Sanitise(name) != name)
            throw new ArgumentException($"mapping '{header}={target}': canonical name '{name}' must be lower case letters, digits and '_'");
        var canonical = HeaderAliases.Lookup(name);
        double scale = 1.0;
        if (unitText.Length > 0)
        {
            if (!HeaderAliases.TryParseUnit(unitText, out var unit))
                throw new ArgumentException($"mapping '{header}={target}': unit '{unitText}' is not one of wt%, ppm, ppb");
            if (canonical is null || canonical.Unit is not (ValueUnit.WtPercent or ValueUnit.Ppm))
                throw new ArgumentException($"mapping '{header}={target}': a unit can only be given for an oxide (wt%) or element (ppm) column");
            scale = HeaderAliases.UnitScale(unit, canonical.Unit);
        }
        if (canonical is null)
            return new ColumnSpec(index, header, name, ColumnRole.OtherNumeric, 1.0, false, false) { Auto = true };
        return new ColumnSpec(index, header, name, canonical.Role, scale, zeroNotDetected && canonical.IsAnalytical, false);
    }

    /// <summary>Lower-case identifier: letters and digits, other runs become one '_'.</summary>
    internal static string Sanitise(string header)
    {
        var sb = new System.Text.StringBuilder(header.Length);
        foreach (char c in header.Trim().ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9')) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '_') sb.Append('_');
        }
        return sb.ToString().Trim('_');
    }

    private static string Unique(string name, HashSet<string> used)
    {
        for (int k = 2; ; k++)
            if (used.Add($"{name}_{k}")) return $"{name}_{k}";
    }
}
