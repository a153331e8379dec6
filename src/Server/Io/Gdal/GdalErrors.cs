using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// GDAL error handling. A process-wide CPLErrorHandler (an unmanaged-callable static method, so there is no
/// delegate for the GC to collect) keeps GDAL from printing to stderr: failures are collected per thread
/// (GDAL's error state is per thread too) and folded into <see cref="GdalException"/> messages; warnings go
/// to <see cref="GdalLibrary.WarningSink"/>.
/// </summary>
internal static unsafe class GdalErrors
{
    [ThreadStatic] private static List<string>? s_failures;

    internal static void Install() => GdalNative.CPLSetErrorHandler(&OnError);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnError(int errorClass, int errorNumber, byte* message)
    {
        try
        {
            string text = message == null ? "" : Marshal.PtrToStringUTF8((nint)message) ?? "";
            if (errorClass >= GdalNative.CE_Failure)
            {
                var list = s_failures ??= [];
                if (list.Count < 20)
                    list.Add(text);
            }
            else if (errorClass == GdalNative.CE_Warning)
            {
                GdalLibrary.WarningSink?.Invoke(text);
            }
        }
        catch
        {
            // An exception must never unwind into native code.
        }
    }

    /// <summary>Clears GDAL's and our per-thread error state before an operation.</summary>
    internal static void Reset()
    {
        GdalNative.CPLErrorReset();
        s_failures?.Clear();
    }

    /// <summary>True when GDAL recorded a failure on this thread since <see cref="Reset"/>.</summary>
    internal static bool HasFailure =>
        GdalNative.CPLGetLastErrorType() >= GdalNative.CE_Failure || (s_failures?.Count ?? 0) > 0;

    /// <summary>GDAL's messages since the last reset (distinct, in order), or "no GDAL message".</summary>
    internal static string Message()
    {
        var parts = new List<string>();
        if (s_failures != null)
            parts.AddRange(s_failures);
        if (GdalNative.CPLGetLastErrorType() >= GdalNative.CE_Failure)
            parts.Add(GdalNative.Str(GdalNative.CPLGetLastErrorMsg()));
        var distinct = parts.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct().ToList();
        if (distinct.Count == 0)
            return "";
        var sb = new StringBuilder();
        foreach (var part in distinct)
            sb.Append(sb.Length == 0 ? "" : "; ").Append(part);
        return sb.ToString();
    }

    /// <summary>An exception "{what} '{path}': {GDAL message}".</summary>
    internal static GdalException Error(string what, string? path, GdalErrorKind kind = GdalErrorKind.Failed)
    {
        string gdal = Message();
        string where = path == null ? "" : $" '{path}'";
        string detail = gdal.Length == 0 ? "" : $": {gdal}";
        return new GdalException($"{what}{where}{detail}", path, kind, gdal);
    }

    /// <summary>Throws when a CPLErr/OGRErr return code is not 0 or GDAL recorded a failure.</summary>
    internal static void Check(int code, string what, string? path)
    {
        if (code != 0 || HasFailure)
            throw Error(what, path);
    }
}
