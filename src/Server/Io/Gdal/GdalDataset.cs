namespace GisBridge.Server.Io.Gdal;

/// <summary>An open GDAL dataset handle, closed on dispose. Not thread-safe (one user at a time, as GDAL requires).</summary>
internal sealed class GdalDataset : IDisposable
{
    private GdalDataset(nint handle, string path)
    {
        Handle = handle;
        Path = path;
    }

    public nint Handle { get; private set; }
    public string Path { get; }

    /// <summary>Opens read-only; <paramref name="kindName"/> ("raster", "vector") is used in error messages.</summary>
    public static GdalDataset OpenReadOnly(string path, uint kindFlag, string kindName)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new ArgumentException($"{kindName} path is empty");
        GdalLibrary.EnsureInitialized();
        bool virtualPath = path.StartsWith("/vsi", StringComparison.Ordinal);
        if (!virtualPath && !File.Exists(path) && !Directory.Exists(path))
            throw new GdalException($"{kindName} file not found: '{path}'", path, GdalErrorKind.FileNotFound);
        GdalErrors.Reset();
        nint handle = GdalNative.GDALOpenEx(path,
            GdalNative.GDAL_OF_READONLY | kindFlag | GdalNative.GDAL_OF_VERBOSE_ERROR, 0, 0, 0);
        if (handle == 0)
            throw GdalErrors.Error($"not a {kindName} dataset GDAL can read:", path, GdalErrorKind.NotSupported);
        return new GdalDataset(handle, path);
    }

    /// <summary>Creates a dataset with the named driver; throws naming the file when GDAL refuses.</summary>
    public static GdalDataset Create(string driverName, string path, int width, int height, int bands, int dataType,
        nint options)
    {
        GdalLibrary.EnsureInitialized();
        GdalErrors.Reset();
        nint driver = GdalNative.GDALGetDriverByName(driverName);
        if (driver == 0)
            throw new GdalException($"GDAL driver {driverName} is not available in this GDAL build", path);
        nint handle = GdalNative.GDALCreate(driver, path, width, height, bands, dataType, options);
        if (handle == 0)
            throw GdalErrors.Error($"cannot create {driverName} file", path);
        return new GdalDataset(handle, path);
    }

    public string DriverName => GdalNative.Str(GdalNative.GDALGetDriverShortName(GdalNative.GDALGetDatasetDriver(Handle)));

    /// <summary>Closes and reports a failure GDAL raised while flushing (the data may be incomplete).</summary>
    public void CloseChecked()
    {
        if (Handle == 0)
            return;
        GdalErrors.Reset();
        nint h = Handle;
        Handle = 0;
        GdalNative.GDALClose(h);
        if (GdalErrors.HasFailure)
            throw GdalErrors.Error("writing failed while closing", Path);
    }

    public void Dispose()
    {
        if (Handle == 0)
            return;
        GdalNative.GDALClose(Handle);
        Handle = 0;
    }
}
