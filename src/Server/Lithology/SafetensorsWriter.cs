using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace GisBridge.Server.Lithology;

/// <summary>
/// Writes named tensors in the safetensors layout (8-byte little-endian header length, a JSON header of
/// name -> dtype / shape / byte range, optional "__metadata__" strings, then the raw little-endian bytes), which
/// PyTorch, NumPy and most frameworks read without TorchSharp. Why our own: no safetensors package for .NET is in
/// the registry, and the layout is a page of code.
/// </summary>
public static class SafetensorsWriter
{
    public static void Write(Stream stream, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var items = new List<(string Name, string Dtype, long[] Shape, byte[] Bytes)>();
        foreach (var (name, t) in tensors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            using var cpu = t.detach().cpu().contiguous();
            var (dtype, bytes) = cpu.dtype switch
            {
                ScalarType.Float32 => ("F32", Bytes<float>(cpu)),
                ScalarType.Float64 => ("F64", Bytes<double>(cpu)),
                ScalarType.Int64 => ("I64", Bytes<long>(cpu)),
                ScalarType.Int32 => ("I32", Bytes<int>(cpu)),
                ScalarType.Byte => ("U8", Bytes<byte>(cpu)),
                _ => throw new ArgumentException($"safetensors: tensor '{name}' has unsupported type {cpu.dtype}"),
            };
            items.Add((name, dtype, cpu.shape, bytes));
        }
        var header = new Dictionary<string, object>(StringComparer.Ordinal);
        if (metadata is { Count: > 0 }) header["__metadata__"] = metadata;
        long offset = 0;
        foreach (var (name, dtype, shape, bytes) in items)
        {
            header[name] = new { dtype, shape, data_offsets = new[] { offset, offset + bytes.Length } };
            offset += bytes.Length;
        }
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        int pad = (8 - json.Length % 8) % 8; // keeps the data 8-byte aligned; trailing spaces are allowed by the format
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)(json.Length + pad));
        stream.Write(length);
        stream.Write(json);
        for (int i = 0; i < pad; i++) stream.WriteByte((byte)' ');
        foreach (var item in items) stream.Write(item.Bytes);
    }

    private static byte[] Bytes<T>(Tensor t) where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("safetensors data are little-endian");
        var values = t.data<T>().ToArray();
        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }
}
