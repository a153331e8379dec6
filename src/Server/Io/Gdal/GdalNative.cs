using System.Runtime.InteropServices;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// P/Invoke declarations of GDAL's C API (core: registration, errors, memory, string lists).
/// The library name "gdal" is mapped to the real file by <see cref="GdalLibrary"/>'s resolver; call
/// <see cref="GdalLibrary.EnsureInitialized"/> before any of these. Strings passed in are UTF-8; strings
/// returned by GDAL are taken as <c>nint</c> because GDAL owns them (or they must be freed with VSIFree).
/// </summary>
internal static unsafe partial class GdalNative
{
    internal const string Lib = "gdal";

    // CPLErr values.
    internal const int CE_None = 0, CE_Debug = 1, CE_Warning = 2, CE_Failure = 3, CE_Fatal = 4;

    [LibraryImport(Lib)]
    internal static partial void GDALAllRegister();

    /// <summary>Sets the size of GDAL's process-wide raster block cache, in bytes.</summary>
    [LibraryImport(Lib)]
    internal static partial void GDALSetCacheMax64(long bytes);

    [LibraryImport(Lib)]
    internal static partial long GDALGetCacheMax64();

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint GDALVersionInfo(string request);

    [LibraryImport(Lib)]
    internal static partial void CPLErrorReset();

    [LibraryImport(Lib)]
    internal static partial int CPLGetLastErrorType();

    [LibraryImport(Lib)]
    internal static partial nint CPLGetLastErrorMsg();

    /// <summary>Installs a process-wide error handler; returns the previous one.</summary>
    [LibraryImport(Lib)]
    internal static partial nint CPLSetErrorHandler(delegate* unmanaged[Cdecl]<int, int, byte*, void> handler);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void CPLSetConfigOption(string key, string? value);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint CPLGetConfigOption(string key, string? defaultValue);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void CPLSetThreadLocalConfigOption(string key, string? value);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint CPLGetThreadLocalConfigOption(string key, string? defaultValue);

    [LibraryImport(Lib)]
    internal static partial void VSIFree(nint memory);

    /// <summary>Adds or replaces NAME=VALUE in a GDAL string list; returns the (possibly moved) list.</summary>
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint CSLSetNameValue(nint list, string name, string? value);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint CSLAddString(nint list, string value);

    [LibraryImport(Lib)]
    internal static partial void CSLDestroy(nint list);

    [LibraryImport(Lib)]
    internal static partial int CSLCount(nint list);

    [LibraryImport(Lib)]
    internal static partial nint CSLGetField(nint list, int index);

    /// <summary>A GDAL-owned UTF-8 string (never freed here); empty for null.</summary>
    internal static string Str(nint utf8) => utf8 == 0 ? "" : Marshal.PtrToStringUTF8(utf8) ?? "";

    /// <summary>Reads a GDAL string list (char**) without taking ownership.</summary>
    internal static List<string> StringList(nint list)
    {
        var result = new List<string>();
        if (list == 0)
            return result;
        int n = CSLCount(list);
        for (int i = 0; i < n; i++)
            result.Add(Str(CSLGetField(list, i)));
        return result;
    }
}
