using System.Text.RegularExpressions;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>Publication year of each citation id in a GEOROC file's trailing <c>References:</c> block, whose rows
/// read <c>"[id] AUTHORS: TITLE  JOURNAL VOLUME   [YEAR] PAGES ..."</c>; the ids are the ones text cells and the
/// CITATIONS column carry (<c>BASALT [20965]</c>, <c>[7525][14756]</c>).</summary>
public static partial class GeorocReferences
{
    public static Dictionary<string, int> Years(string fileText)
    {
        ArgumentNullException.ThrowIfNull(fileText);
        var years = new Dictionary<string, int>(StringComparer.Ordinal);
        int start = fileText.IndexOf("References:", StringComparison.OrdinalIgnoreCase);
        if (start < 0) return years;
        foreach (Match m in Entry().Matches(fileText, start))
            if (int.TryParse(m.Groups["year"].Value, out int y)) years.TryAdd(m.Groups["id"].Value, y);
        return years;
    }

    /// <summary>Citation ids in a cell, in order: "[7525][14756]" or "BASALT [20965]".</summary>
    public static IEnumerable<string> Ids(string? cell) =>
        cell is null ? [] : IdPattern().Matches(cell).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"(?<=\A|[\r\n])""?\[(?<id>\d+)\][^\r\n]*?\[(?<year>(1[89]|20)\d\d)\]")]
    private static partial Regex Entry();

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex IdPattern();
}
