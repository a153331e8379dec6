namespace GisBridge.Algorithms.Gravity;

/// <summary>
/// Angular wavenumbers (rad/m) of the FFT samples: k = 2 pi f with f in cycles per metre, laid out as torch's
/// rfft2 returns them (rows: 0, 1, ..., -1 over the full height; columns: 0 .. width/2 of the half spectrum).
/// </summary>
internal static class Wavenumbers
{
    /// <summary>Column wavenumbers of the half spectrum for a padded width and cell width in metres.</summary>
    public static float[] Columns(int paddedWidth, double dxMetres)
    {
        var k = new float[paddedWidth / 2 + 1];
        for (int j = 0; j < k.Length; j++) k[j] = (float)(2 * Math.PI * j / (paddedWidth * dxMetres));
        return k;
    }

    /// <summary>Row wavenumbers (full, with negative frequencies after the middle) for a padded height.</summary>
    public static float[] Rows(int paddedHeight, double dyMetres)
    {
        var k = new float[paddedHeight];
        for (int i = 0; i < paddedHeight; i++)
        {
            int f = i <= paddedHeight / 2 ? i : i - paddedHeight;
            k[i] = (float)(2 * Math.PI * f / (paddedHeight * dyMetres));
        }
        return k;
    }
}
