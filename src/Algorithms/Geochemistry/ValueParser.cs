using System.Runtime.CompilerServices;
using System.Globalization;

namespace GisBridge.Algorithms.Geochemistry;

/// <summary>What a cell turned out to hold.</summary>
public enum CellKind
{
    /// <summary>Empty, whitespace, or a "not determined" token (n.d., n.a., -, nan, null).</summary>
    Missing,
    Value,
    /// <summary>"&lt; x" (value holds the limit x) or "bdl"/"b.d.l." (value is NaN: no limit given).</summary>
    BelowDetection,
    Invalid,
}

/// <summary>
/// Parses one cell of a geochemical table without allocating: trims blanks, strips a trailing citation tag
/// ("50.7 [6370]"), recognises below-detection forms and missing-value tokens, and parses plain decimals with
/// an exact fast path (mantissa below 2^53 and a power of ten up to 22 give a correctly rounded double),
/// falling back to <see cref="double.TryParse(ReadOnlySpan{char}, NumberStyles, IFormatProvider, out double)"/>.
/// </summary>
public static class ValueParser
{
    private static readonly double[] PowersOf10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    private static readonly string[] MissingTokens = ["n.d.", "nd", "n.a.", "na", "-", "--", "nan", "null", "n/a", "nm"];
    private static readonly string[] BelowDetectionTokens = ["bdl", "b.d.l.", "bd", "b.d.", "<dl", "<lod", "below detection"];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CellKind Parse(ReadOnlySpan<char> cell, out double value)
    {
        value = double.NaN;
        var s = StripCitation(cell.Trim());
        if (s.IsEmpty) return CellKind.Missing;
        if (TryParseNumber(s, out value)) return CellKind.Value;
        if (s[0] == '<')
        {
            var rest = s[1..].TrimStart();
            if (rest.Length > 0 && rest[0] == '=') rest = rest[1..].TrimStart();
            if (TryParseNumber(rest, out value) && value >= 0) return CellKind.BelowDetection;
        }
        value = double.NaN;
        foreach (var t in BelowDetectionTokens)
            if (s.Equals(t, StringComparison.OrdinalIgnoreCase)) return CellKind.BelowDetection;
        foreach (var t in MissingTokens)
            if (s.Equals(t, StringComparison.OrdinalIgnoreCase)) return CellKind.Missing;
        return CellKind.Invalid;
    }

    /// <summary>Removes trailing GEOROC citation tags such as " [20965]" (digits, commas, spaces inside) after some text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlySpan<char> StripCitation(ReadOnlySpan<char> s)
    {
        while (s.Length > 2 && s[^1] == ']')
        {
            int open = s.LastIndexOf('[');
            if (open <= 0) break; // a cell that is only a tag ("[6370]" in CITATIONS) is kept
            var inner = s[(open + 1)..^1];
            if (inner.IsEmpty || inner.ContainsAnyExcept("0123456789, ")) break;
            s = s[..open].TrimEnd();
        }
        return s;
    }

    /// <summary>
    /// Removes every citation tag from a text cell, also inside lists such as
    /// "BASALT [2038] / MUGEARITE [16977]" -> "BASALT / MUGEARITE". A cell that is only a tag is kept.
    /// </summary>
    public static string StripCitations(string text)
    {
        int open = text.IndexOf('[');
        if (open < 0) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        int i = 0;
        while (open >= 0)
        {
            int close = text.IndexOf(']', open + 1);
            if (close < 0) break;
            var inner = text.AsSpan(open + 1, close - open - 1);
            bool tag = !inner.IsEmpty && !inner.ContainsAnyExcept("0123456789, ");
            if (tag)
            {
                sb.Append(text, i, open - i);
                while (sb.Length > 0 && sb[^1] == ' ') sb.Length--;
                i = close + 1;
            }
            open = text.IndexOf('[', close + 1);
        }
        sb.Append(text, i, text.Length - i);
        var result = sb.ToString().Trim();
        return result.Length == 0 ? text.Trim() : result;
    }

    /// <summary>Decimal number in invariant culture: sign, digits, optional fraction and exponent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseNumber(ReadOnlySpan<char> s, out double value)
    {
        if (TryParsePlainDecimal(s, out value)) return true;
        int i = 0, n = s.Length;
        bool negative = false;
        if (n > 0 && (s[0] == '-' || s[0] == '+')) { negative = s[0] == '-'; i++; }
        ulong mantissa = 0;
        int digits = 0, scale = 0, seen = 0;
        for (; i < n && (uint)(s[i] - '0') <= 9; i++, seen++)
        {
            if (digits < 19) { mantissa = mantissa * 10 + (uint)(s[i] - '0'); if (mantissa != 0) digits++; }
            else scale++;
        }
        if (i < n && s[i] == '.')
        {
            for (i++; i < n && (uint)(s[i] - '0') <= 9; i++, seen++)
            {
                if (digits < 19) { mantissa = mantissa * 10 + (uint)(s[i] - '0'); if (mantissa != 0) digits++; scale--; }
            }
        }
        if (seen == 0) return Fallback(s, out value);
        if (i < n && (s[i] == 'e' || s[i] == 'E'))
        {
            int j = i + 1, expSign = 1, exp = 0, expDigits = 0;
            if (j < n && (s[j] == '-' || s[j] == '+')) { expSign = s[j] == '-' ? -1 : 1; j++; }
            for (; j < n && (uint)(s[j] - '0') <= 9 && exp < 10000; j++, expDigits++) exp = exp * 10 + (s[j] - '0');
            if (expDigits == 0) return Fallback(s, out value);
            scale += expSign * exp;
            i = j;
        }
        if (i != n) return Fallback(s, out value);
        if (mantissa > (1UL << 53) || scale < -22 || scale > 22) return Fallback(s, out value);
        double v = mantissa;
        v = scale < 0 ? v / PowersOf10[-scale] : v * PowersOf10[scale];
        value = negative ? -v : v;
        return true;
    }

    /// <summary>
    /// The common cell ("50.83", "-4.7", "383"): optional sign, 1 to 15 digits, at most one point, no exponent. With
    /// at most 15 digits the mantissa is exact and the power of ten at most 1e15, so the one division (or none) gives
    /// the correctly rounded double, the same mantissa and scale as the general path. False: the general path decides.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryParsePlainDecimal(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        int n = s.Length, i = 0;
        if (n == 0 || n > 17) return false;
        bool negative = s[0] == '-';
        if (negative || s[0] == '+') i++;
        ulong mantissa = 0;
        int point = -1;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - '0');
            if (d <= 9) mantissa = mantissa * 10 + d;
            else if (s[i] == '.' && point < 0) point = i;
            else return false;
        }
        int signs = negative || s[0] == '+' ? 1 : 0;
        int digits = n - signs - (point < 0 ? 0 : 1);
        if (digits == 0 || digits > 15) return false;
        double v = mantissa;
        if (point >= 0) v /= PowersOf10[n - 1 - point];
        value = negative ? -v : v;
        return true;
    }

    private static bool Fallback(ReadOnlySpan<char> s, out double value)
    {
        if (s.Length > 0 && (char.IsDigit(s[0]) || s[0] is '-' or '+' or '.')
            && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value))
            return true;
        value = double.NaN;
        return false;
    }
}
