using System.Reflection;
using System.Runtime.InteropServices;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// Finds and loads the system GDAL shared library (GDAL is not bundled: Debian/Ubuntu libgdal, Homebrew,
/// or the GDAL that ships with QGIS/OSGeo4W on Windows) and initialises it once.
/// Order tried: env var <c>GISBRIDGE_GDAL_LIBRARY</c> (a full path or a file name), then the platform's
/// usual names in the default search path (LD_LIBRARY_PATH, PATH...), then known install folders.
/// </summary>
public static class GdalLibrary
{
    public const string EnvironmentVariable = "GISBRIDGE_GDAL_LIBRARY";

    private static readonly object s_lock = new();
    private static volatile bool s_initialised;
    private static nint s_handle;
    private static string s_loadedFrom = "";
    private static long s_cacheMaxBytes = DefaultCacheMaxBytes;

    /// <summary>GDAL's block cache unless configured: GDAL's own default (5 % of RAM per process) lets one streaming
    /// job on a large grid hold gigabytes of blocks. 64 MB holds a few block rows of the widest grids the jobs stream;
    /// the jobs read each block once, so a larger cache only adds fresh memory (a whole-grid netCDF read copies every
    /// block through it).</summary>
    public const long DefaultCacheMaxBytes = 64L << 20;

    /// <summary>Receives GDAL warnings (e.g. set by the server to its logger). Called on the thread that caused them.</summary>
    public static Action<string>? WarningSink { get; set; }

    /// <summary>GDAL's release name, e.g. "3.6.2".</summary>
    public static string Version
    {
        get
        {
            EnsureInitialized();
            return GdalNative.Str(GdalNative.GDALVersionInfo("RELEASE_NAME"));
        }
    }

    /// <summary>The library file that was loaded.</summary>
    public static string LoadedFrom
    {
        get
        {
            EnsureInitialized();
            return s_loadedFrom;
        }
    }

    /// <summary>The size of GDAL's block cache in effect, in bytes, as GDAL reports it.</summary>
    public static long CacheMaxBytes
    {
        get
        {
            EnsureInitialized();
            return GdalNative.GDALGetCacheMax64();
        }
    }

    /// <summary>Sets the size of GDAL's block cache for the whole process: given to GDAL when it is initialised, or at
    /// once when it already is.</summary>
    public static void SetCacheMax(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        lock (s_lock)
        {
            s_cacheMaxBytes = bytes;
            if (s_initialised)
                GdalNative.GDALSetCacheMax64(bytes);
        }
    }

    /// <summary>Loads GDAL, installs the error handler, registers all drivers and sizes the block cache (once; thread-safe).</summary>
    /// <exception cref="GdalException">Kind LibraryNotFound, listing every name and path tried.</exception>
    public static void EnsureInitialized()
    {
        if (s_initialised)
            return;
        lock (s_lock)
        {
            if (s_initialised)
                return;
            var tried = new List<string>();
            if (!TryLoad(Candidates(), tried, out s_handle, out s_loadedFrom))
                throw NotFound(tried);
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(GdalLibrary).Assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                // Another resolver is already set for this assembly; it must then map "gdal" itself.
            }
            ConfigureDataPaths(s_loadedFrom);
            GdalErrors.Install();
            GdalNative.GDALAllRegister();
            GdalNative.GDALSetCacheMax64(s_cacheMaxBytes);
            s_initialised = true;
        }
    }

    /// <summary>
    /// Starts <see cref="EnsureInitialized"/> on a thread-pool thread (loading GDAL and registering its drivers takes
    /// about 0.1 s), so that a job that first reads a text file and writes with GDAL afterwards overlaps the two.
    /// A failure is ignored here: the next <see cref="EnsureInitialized"/> call retries and reports it.
    /// </summary>
    public static void PreloadInBackground()
    {
        if (s_initialised)
            return;
        ThreadPool.QueueUserWorkItem(static _ =>
        {
            try
            {
                EnsureInitialized();
            }
            catch (GdalException)
            {
                // Reported by the caller that needs GDAL.
            }
        });
    }

    /// <summary>Loads the first candidate that loads; <paramref name="tried"/> receives every candidate attempted.</summary>
    internal static bool TryLoad(IEnumerable<string> candidates, List<string> tried, out nint handle, out string loadedFrom)
    {
        foreach (var candidate in candidates)
        {
            tried.Add(candidate);
            if (NativeLibrary.TryLoad(candidate, out handle))
            {
                loadedFrom = candidate;
                return true;
            }
        }
        handle = 0;
        loadedFrom = "";
        return false;
    }

    internal static GdalException NotFound(IEnumerable<string> tried) => new(
        "GDAL library not found. Install GDAL (Linux: the libgdal package; Windows: QGIS or OSGeo4W; " +
        $"macOS: brew install gdal) or set {EnvironmentVariable} to the library's full path. Tried: " +
        string.Join(", ", tried), null, GdalErrorKind.LibraryNotFound);

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) =>
        name == GdalNative.Lib ? s_handle : 0;

    /// <summary>The names and paths tried, in order, for this platform.</summary>
    internal static IEnumerable<string> Candidates()
    {
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env))
            yield return env.Trim();
        IEnumerable<string> names;
        IEnumerable<string> folders;
        if (OperatingSystem.IsWindows())
        {
            // OSGeo4W/QGIS name the DLL after the version: gdal309.dll for 3.9, gdal310.dll for 3.10.
            names = new[] { "gdal.dll" }.Concat(Enumerable.Range(0, 20).Reverse().Select(m => $"gdal3{m:00}.dll"));
            folders = WindowsFolders();
        }
        else if (OperatingSystem.IsMacOS())
        {
            names = new[] { "libgdal.dylib" }.Concat(Enumerable.Range(26, 20).Reverse().Select(v => $"libgdal.{v}.dylib"));
            folders = ["/opt/homebrew/lib", "/usr/local/lib", "/Applications/QGIS.app/Contents/MacOS/lib",
                "/Applications/QGIS.app/Contents/Frameworks"];
        }
        else
        {
            // Debian 12: libgdal.so.32 (GDAL 3.6); later releases 33, 34... libgdal.so exists only with -dev.
            names = new[] { "libgdal.so" }.Concat(Enumerable.Range(26, 20).Reverse().Select(v => $"libgdal.so.{v}"));
            folders = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"];
        }
        var nameList = names.ToList();
        foreach (var name in nameList)
            yield return name;
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var name in nameList)
            {
                var path = Path.Combine(folder, name);
                if (File.Exists(path))
                    yield return path;
            }
        }
    }

    private static IEnumerable<string> WindowsFolders()
    {
        var folders = new List<string> { @"C:\OSGeo4W\bin", @"C:\OSGeo4W64\bin" };
        var prefix = Environment.GetEnvironmentVariable("QGIS_PREFIX_PATH"); // ...\apps\qgis
        if (!string.IsNullOrEmpty(prefix))
            folders.Add(Path.GetFullPath(Path.Combine(prefix, "..", "..", "bin")));
        foreach (var root in new[] { Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles), @"C:\Program Files" }
                     .Where(r => !string.IsNullOrEmpty(r) && Directory.Exists(r)).Distinct())
        {
            try
            {
                // Newest QGIS first ("QGIS 3.40.1" sorts after "QGIS 3.34.0").
                folders.AddRange(Directory.GetDirectories(root, "QGIS*").OrderDescending(StringComparer.OrdinalIgnoreCase)
                    .Select(d => Path.Combine(d, "bin")));
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return folders.Distinct(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A GDAL loaded from a QGIS/OSGeo4W "bin" folder needs GDAL_DATA and PROJ's database from "share" beside it;
    /// set them when the environment does not already.
    /// </summary>
    private static void ConfigureDataPaths(string loadedFrom)
    {
        if (!Path.IsPathRooted(loadedFrom))
            return;
        var root = Path.GetDirectoryName(Path.GetDirectoryName(loadedFrom));
        if (root == null)
            return;
        var gdalData = Path.Combine(root, "share", "gdal");
        if (Environment.GetEnvironmentVariable("GDAL_DATA") == null && Directory.Exists(gdalData))
            GdalNative.CPLSetConfigOption("GDAL_DATA", gdalData);
        var projData = Path.Combine(root, "share", "proj");
        if (Environment.GetEnvironmentVariable("PROJ_DATA") == null && Environment.GetEnvironmentVariable("PROJ_LIB") == null
            && File.Exists(Path.Combine(projData, "proj.db")))
        {
            nint list = GdalNative.CSLAddString(0, projData);
            GdalNative.OSRSetPROJSearchPaths(list);
            GdalNative.CSLDestroy(list);
        }
    }
}
