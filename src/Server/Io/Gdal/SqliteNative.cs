using System.Runtime.InteropServices;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// The few SQLite C functions the GeoPackage bulk writer needs, bound by function pointer to the system SQLite
/// library (the one GDAL's GeoPackage driver uses: libsqlite3.so.0 on Linux, libsqlite3.dylib on macOS,
/// sqlite3.dll beside GDAL in QGIS/OSGeo4W on Windows). <see cref="IsAvailable"/> is false when no SQLite library
/// loads; writers then keep to the OGR path. Environment variable <c>GISBRIDGE_SQLITE_LIBRARY</c> overrides the search.
/// </summary>
internal static unsafe class SqliteNative
{
    public const string EnvironmentVariable = "GISBRIDGE_SQLITE_LIBRARY";
    public const int SQLITE_OK = 0, SQLITE_ERROR = 1, SQLITE_ROW = 100, SQLITE_DONE = 101;
    public const int SQLITE_OPEN_READWRITE = 0x2, SQLITE_OPEN_CREATE = 0x4, SQLITE_OPEN_NOMUTEX = 0x8000;
    /// <summary>Destructor values: SQLite copies the bound text/blob at once (TRANSIENT), or uses it in place until the next step (STATIC).</summary>
    public static readonly nint SQLITE_TRANSIENT = -1, SQLITE_STATIC = 0;

    private static readonly Lazy<bool> s_loaded = new(Load);

    public static delegate* unmanaged[Cdecl]<byte*, nint*, int, byte*, int> open_v2;
    public static delegate* unmanaged[Cdecl]<nint, int> close_v2;
    public static delegate* unmanaged[Cdecl]<nint, byte*, nint, nint, byte**, int> exec;
    public static delegate* unmanaged[Cdecl]<nint, nint> errmsg;
    public static delegate* unmanaged[Cdecl]<nint, byte*, int, nint*, nint, int> prepare_v2;
    public static delegate* unmanaged[Cdecl]<nint, int> step;
    public static delegate* unmanaged[Cdecl]<nint, int> reset;
    public static delegate* unmanaged[Cdecl]<nint, int> finalize;
    public static delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, double, int> bind_double;
    public static delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, long, int> bind_int64;
    public static delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*, int, nint, int> bind_text;
    public static delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*, int, nint, int> bind_blob;
    public static delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, int> bind_null;
    public static delegate* unmanaged[Cdecl]<nint, int> column_count;
    public static delegate* unmanaged[Cdecl]<nint, int, long> column_int64;
    public static delegate* unmanaged[Cdecl]<nint, int, nint> column_text;
    public static delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, long> last_insert_rowid;

    /// <summary>True when a SQLite library was found and every function above resolved.</summary>
    public static bool IsAvailable => s_loaded.Value;

    private static bool Load() => GdalLibrary.TryLoadCompanion(Candidates(), Bind);

    private static IEnumerable<string> Candidates()
    {
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
            yield return env.Trim();
        if (OperatingSystem.IsWindows())
        {
            // QGIS/OSGeo4W ship sqlite3.dll in the same bin folder as GDAL.
            if (GdalLibrary.Folder is { } gdalFolder)
                yield return Path.Combine(gdalFolder, "sqlite3.dll");
            yield return "sqlite3.dll";
        }
        else if (OperatingSystem.IsMacOS())
        {
            yield return "/opt/homebrew/opt/sqlite/lib/libsqlite3.dylib";
            yield return "libsqlite3.dylib";
            yield return "/usr/lib/libsqlite3.dylib";
        }
        else
        {
            yield return "libsqlite3.so.0";
            yield return "libsqlite3.so";
        }
    }

    private static void Bind(nint lib)
    {
        nint F(string name) => NativeLibrary.GetExport(lib, name);
        open_v2 = (delegate* unmanaged[Cdecl]<byte*, nint*, int, byte*, int>)F("sqlite3_open_v2");
        close_v2 = (delegate* unmanaged[Cdecl]<nint, int>)F("sqlite3_close_v2");
        exec = (delegate* unmanaged[Cdecl]<nint, byte*, nint, nint, byte**, int>)F("sqlite3_exec");
        errmsg = (delegate* unmanaged[Cdecl]<nint, nint>)F("sqlite3_errmsg");
        prepare_v2 = (delegate* unmanaged[Cdecl]<nint, byte*, int, nint*, nint, int>)F("sqlite3_prepare_v2");
        step = (delegate* unmanaged[Cdecl]<nint, int>)F("sqlite3_step");
        reset = (delegate* unmanaged[Cdecl]<nint, int>)F("sqlite3_reset");
        finalize = (delegate* unmanaged[Cdecl]<nint, int>)F("sqlite3_finalize");
        bind_double = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, double, int>)F("sqlite3_bind_double");
        bind_int64 = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, long, int>)F("sqlite3_bind_int64");
        bind_text = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*, int, nint, int>)F("sqlite3_bind_text");
        bind_blob = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, byte*, int, nint, int>)F("sqlite3_bind_blob");
        bind_null = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, int, int>)F("sqlite3_bind_null");
        column_count = (delegate* unmanaged[Cdecl]<nint, int>)F("sqlite3_column_count");
        column_int64 = (delegate* unmanaged[Cdecl]<nint, int, long>)F("sqlite3_column_int64");
        column_text = (delegate* unmanaged[Cdecl]<nint, int, nint>)F("sqlite3_column_text");
        last_insert_rowid = (delegate* unmanaged[Cdecl, SuppressGCTransition]<nint, long>)F("sqlite3_last_insert_rowid");
    }
}
