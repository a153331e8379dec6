namespace GisBridge.Server.Io.Gdal;

/// <summary>What went wrong, so that callers can map it (e.g. ResourceLimit to RESOURCE_EXHAUSTED).</summary>
public enum GdalErrorKind
{
    /// <summary>GDAL reported a failure (the message carries GDAL's own text).</summary>
    Failed = 0,
    /// <summary>The input file does not exist.</summary>
    FileNotFound,
    /// <summary>The file exists but is not a raster / vector dataset GDAL can read, or has an unsupported content (complex band).</summary>
    NotSupported,
    /// <summary>The dataset is larger than the configured limit.</summary>
    ResourceLimit,
    /// <summary>No GDAL shared library could be loaded.</summary>
    LibraryNotFound,
}

/// <summary>A GDAL/OGR failure. The message names the file and includes GDAL's own error message.</summary>
public sealed class GdalException : Exception
{
    public GdalException(string message, string? path = null, GdalErrorKind kind = GdalErrorKind.Failed,
        string gdalMessage = "", Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
        Kind = kind;
        GdalMessage = gdalMessage;
    }

    /// <summary>The file concerned, when there is one.</summary>
    public string? Path { get; }

    public GdalErrorKind Kind { get; }

    /// <summary>GDAL's own error text (CPLGetLastErrorMsg and earlier failures of the same call), possibly empty.</summary>
    public string GdalMessage { get; }
}
