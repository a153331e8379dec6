using System.Globalization;
using nietras.SeparatedValues;
using GisBridge.Server.Jobs;

namespace GisBridge.Server.Io.Sep;

/// <summary>
/// A map's own unit colours: rows of <c>value,R,G,B,A,unit</c> without a header (the colour table the Predictive
/// Geology Maps plugin writes, e.g. the Rondônia case's unit_colors.csv), read through Sep. Gives unit -> "#rrggbb";
/// the value and alpha columns are not used (GisBridge numbers its classes itself, and maps them opaque).
/// </summary>
public static class ClassColorTable
{
    public const string Role = "class_colors";

    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        string name = Path.GetFileName(path);
        var colours = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = nietras.SeparatedValues.Sep.Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromFile(path);
        foreach (var row in reader)
        {
            int line = row.LineNumberFrom;
            if (row.ColCount < 6)
                throw new JobInputException(Role, $"{name} line {line}: {row.ColCount} columns; a colour row is value,R,G,B,A,unit");
            var rgb = new int[3];
            for (int c = 0; c < 3; c++)
                if (!int.TryParse(row[c + 1].Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out rgb[c]) || rgb[c] is < 0 or > 255)
                    throw new JobInputException(Role, $"{name} line {line}: '{row[c + 1].ToString()}' is not a colour component 0..255");
            string unit = row[5].ToString().Trim();
            if (unit.Length == 0) throw new JobInputException(Role, $"{name} line {line}: the unit (6th column) is empty");
            colours[unit] = $"#{rgb[0]:x2}{rgb[1]:x2}{rgb[2]:x2}";
        }
        if (colours.Count == 0) throw new JobInputException(Role, $"{name} has no colour row");
        return colours;
    }
}
