using System.Runtime.InteropServices;

namespace GisBridge.Server.Io.Gdal;

/// <summary>
/// The few HDF5 calls <see cref="NetCdfChunkReader"/> needs (metadata only: where each chunk of a dataset lies in
/// the file, and its filters), bound to the HDF5 library that libnetcdf already loaded. Requires HDF5 1.10.5 or
/// later (H5Dget_chunk_info_by_coord), where hid_t is 64-bit; any other build is not bound.
/// </summary>
internal static unsafe class Hdf5Native
{
    public const uint AccReadOnly = 0;
    public const long Default = 0;                    // H5P_DEFAULT
    public const int ClassFloat = 1, OrderLittleEndian = 0, LayoutChunked = 2;
    public const int FilterDeflate = 1, FilterShuffle = 2;
    public const ulong UndefinedAddress = ulong.MaxValue;

    private static readonly Lazy<Api?> s_api = new(Load);

    /// <summary>The bound library, or null when it is absent or too old.</summary>
    public static Api? Library => s_api.Value;

    public sealed class Api
    {
        public delegate* unmanaged[Cdecl]<byte*, uint, long, long> FOpen;
        public delegate* unmanaged[Cdecl]<long, int> FClose;
        public delegate* unmanaged[Cdecl]<long, byte*, long, long> DOpen;
        public delegate* unmanaged[Cdecl]<long, int> DClose;
        public delegate* unmanaged[Cdecl]<long, long> DGetType;
        public delegate* unmanaged[Cdecl]<long, int> TGetClass;
        public delegate* unmanaged[Cdecl]<long, nuint> TGetSize;
        public delegate* unmanaged[Cdecl]<long, int> TGetOrder;
        public delegate* unmanaged[Cdecl]<long, int> TClose;
        public delegate* unmanaged[Cdecl]<long, long> DGetSpace;
        public delegate* unmanaged[Cdecl]<long, int> SGetNDims;
        public delegate* unmanaged[Cdecl]<long, ulong*, ulong*, int> SGetDims;
        public delegate* unmanaged[Cdecl]<long, int> SClose;
        public delegate* unmanaged[Cdecl]<long, long> DGetCreatePlist;
        public delegate* unmanaged[Cdecl]<long, int> PGetLayout;
        public delegate* unmanaged[Cdecl]<long, int, ulong*, int> PGetChunk;
        public delegate* unmanaged[Cdecl]<long, int> PGetNFilters;
        public delegate* unmanaged[Cdecl]<long, uint, uint*, nuint*, uint*, nuint, byte*, uint*, int> PGetFilter;
        public delegate* unmanaged[Cdecl]<long, int> PClose;
        public delegate* unmanaged[Cdecl]<long, ulong*, uint*, ulong*, ulong*, int> DGetChunkInfoByCoord;
    }

    private static Api? Load()
    {
        GdalLibrary.EnsureInitialized();
        var names = OperatingSystem.IsWindows() ? ["hdf5.dll"]
            : OperatingSystem.IsMacOS() ? new[] { "libhdf5.dylib", "libhdf5.310.dylib", "libhdf5.200.dylib", "libhdf5.103.dylib" }
            : ["libhdf5_serial.so.103", "libhdf5.so.103", "libhdf5_serial.so.200", "libhdf5.so.200", "libhdf5.so.310", "libhdf5.so"];
        Api? api = null;
        GdalLibrary.TryLoadCompanion(GdalLibrary.CompanionCandidates(names), lib =>
        {
            nint F(string name) => NativeLibrary.GetExport(lib, name);
            var bound = new Api
            {
                FOpen = (delegate* unmanaged[Cdecl]<byte*, uint, long, long>)F("H5Fopen"),
                FClose = (delegate* unmanaged[Cdecl]<long, int>)F("H5Fclose"),
                DOpen = (delegate* unmanaged[Cdecl]<long, byte*, long, long>)F("H5Dopen2"),
                DClose = (delegate* unmanaged[Cdecl]<long, int>)F("H5Dclose"),
                DGetType = (delegate* unmanaged[Cdecl]<long, long>)F("H5Dget_type"),
                TGetClass = (delegate* unmanaged[Cdecl]<long, int>)F("H5Tget_class"),
                TGetSize = (delegate* unmanaged[Cdecl]<long, nuint>)F("H5Tget_size"),
                TGetOrder = (delegate* unmanaged[Cdecl]<long, int>)F("H5Tget_order"),
                TClose = (delegate* unmanaged[Cdecl]<long, int>)F("H5Tclose"),
                DGetSpace = (delegate* unmanaged[Cdecl]<long, long>)F("H5Dget_space"),
                SGetNDims = (delegate* unmanaged[Cdecl]<long, int>)F("H5Sget_simple_extent_ndims"),
                SGetDims = (delegate* unmanaged[Cdecl]<long, ulong*, ulong*, int>)F("H5Sget_simple_extent_dims"),
                SClose = (delegate* unmanaged[Cdecl]<long, int>)F("H5Sclose"),
                DGetCreatePlist = (delegate* unmanaged[Cdecl]<long, long>)F("H5Dget_create_plist"),
                PGetLayout = (delegate* unmanaged[Cdecl]<long, int>)F("H5Pget_layout"),
                PGetChunk = (delegate* unmanaged[Cdecl]<long, int, ulong*, int>)F("H5Pget_chunk"),
                PGetNFilters = (delegate* unmanaged[Cdecl]<long, int>)F("H5Pget_nfilters"),
                PGetFilter = (delegate* unmanaged[Cdecl]<long, uint, uint*, nuint*, uint*, nuint, byte*, uint*, int>)F("H5Pget_filter2"),
                PClose = (delegate* unmanaged[Cdecl]<long, int>)F("H5Pclose"),
                DGetChunkInfoByCoord = (delegate* unmanaged[Cdecl]<long, ulong*, uint*, ulong*, ulong*, int>)F("H5Dget_chunk_info_by_coord"),
            };
            var open = (delegate* unmanaged[Cdecl]<int>)F("H5open");
            if (open() >= 0) api = bound;
        });
        return api;
    }
}
