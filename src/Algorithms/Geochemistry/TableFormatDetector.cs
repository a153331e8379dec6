namespace GisBridge.Algorithms.Geochemistry;

/// <summary>Table layouts the reader knows. <see cref="Csv"/> is any CSV read through the alias table and a
/// user mapping; the others add their own conventions (see <see cref="FormatConventions"/>).</summary>
public enum TableFormat { Auto, Georoc, Petdb, Gale, Csv }

/// <summary>
/// Recognises the layout from the header row: GEOROC precompiled files write units in the header
/// (<c>SIO2(WT%)</c>) and coordinates as <c>LATITUDE MIN/MAX</c>; EarthChem/PetDB portal files use bare
/// upper-case names (<c>SIO2</c>, <c>FEOT</c>, <c>LATITUDE</c>); Gale-style compilations use mixed case
/// (<c>SiO2</c>) with slash-written isotope ratios (<c>87Sr/86Sr</c>) and a <c>Province</c> column.
/// </summary>
public static class TableFormatDetector
{
    public static TableFormat Detect(IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        int unitSuffix = 0, upperBare = 0, mixedCase = 0, slashRatios = 0;
        bool georocCoordinates = false, province = false;
        foreach (var raw in header)
        {
            var h = raw.Trim();
            if (h.Length == 0) continue;
            var key = HeaderAliases.Key(h);
            if (key is "latitudemin" or "longitudemin" or "latitudemax" or "longitudemax") georocCoordinates = true;
            if (key == "province") province = true;
            var match = HeaderAliases.Resolve(h);
            if (match is null) continue;
            if (h.EndsWith("(WT%)", StringComparison.OrdinalIgnoreCase) || h.EndsWith("(PPM)", StringComparison.OrdinalIgnoreCase)
                || h.Contains("(PPM):", StringComparison.OrdinalIgnoreCase))
                unitSuffix++;
            else if (match.Column.Role is ColumnRole.Oxide or ColumnRole.Element && h.Any(char.IsLetter))
            {
                if (h.Where(char.IsLetter).All(char.IsUpper)) upperBare++;
                else if (h.Any(char.IsLower)) mixedCase++;
            }
            if (match.Column.Role == ColumnRole.IsotopeRatio && h.Contains('/')) slashRatios++;
        }
        if (georocCoordinates && unitSuffix > 0) return TableFormat.Georoc;
        if (unitSuffix >= 3) return TableFormat.Georoc;
        if (mixedCase >= 3 && (slashRatios > 0 || province)) return TableFormat.Gale;
        if (upperBare >= 3 && mixedCase == 0) return TableFormat.Petdb;
        return TableFormat.Csv;
    }
}
