namespace GisBridge.Algorithms.Geochemistry;

/// <summary>
/// Decodes RFC 2152 (UTF-7) escapes left in text cells by some spreadsheet exports, e.g. Gale et al. (2013):
/// <c>PETRINI/1988+ADs-BRUECKNER/1988</c> is <c>PETRINI/1988;BRUECKNER/1988</c>. Only well-formed escapes
/// (a modified-base64 run that ends with '-' and decodes to whole UTF-16 units with zero padding bits) are
/// decoded, so that ordinary '+' signs in text ("ICP+MS", "+12") are left alone.
/// </summary>
public static class Utf7Text
{
    public static string Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int plus = text.IndexOf('+');
        if (plus < 0) return text;
        var sb = new System.Text.StringBuilder(text.Length);
        int i = 0;
        while (plus >= 0)
        {
            sb.Append(text, i, plus - i);
            int end = plus + 1;
            while (end < text.Length && Base64Value(text[end]) >= 0) end++;
            if (end < text.Length && text[end] == '-' && end == plus + 1)
            {
                sb.Append('+'); // "+-" is an escaped plus sign
                i = end + 1;
            }
            else if (end < text.Length && text[end] == '-' && TryDecodeRun(text.AsSpan(plus + 1, end - plus - 1), sb))
                i = end + 1;
            else
            {
                sb.Append('+');
                i = plus + 1;
            }
            plus = text.IndexOf('+', i);
        }
        sb.Append(text, i, text.Length - i);
        return sb.ToString();
    }

    private static bool TryDecodeRun(ReadOnlySpan<char> run, System.Text.StringBuilder sb)
    {
        int bits = 0, buffer = 0, start = sb.Length;
        foreach (char c in run)
        {
            buffer = (buffer << 6) | Base64Value(c);
            bits += 6;
            if (bits >= 16)
            {
                bits -= 16;
                sb.Append((char)((buffer >> bits) & 0xFFFF));
                buffer &= (1 << bits) - 1;
            }
        }
        if (sb.Length > start && bits < 6 && buffer == 0) return true;
        sb.Length = start;
        return false;
    }

    private static int Base64Value(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' => 62,
        '/' => 63,
        _ => -1,
    };
}
