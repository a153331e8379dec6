using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace GisBridge.Bench;

/// <summary>One RPC of the server as its descriptor describes it.</summary>
public sealed record FuzzMethod(string Service, string Name, MethodType Type, MessageDescriptor Input)
{
    public string FullName => $"/{Service}/{Name}";
    public bool ClientStreams => Type is MethodType.ClientStreaming or MethodType.DuplexStreaming;
}

/// <summary>
/// The RPCs of the protocol (every service of every file compiled from protos/), the standard health and reflection
/// services, and random messages shaped by their descriptors: known field numbers with their own wire types and
/// random values (huge, negative, NaN, not UTF-8, nested), so that a call gets past the parser into the server's checks.
/// </summary>
public static class ProtoShapes
{
    /// <summary>Every RPC found in the generated descriptors; nothing is listed by hand, so a new proto is fuzzed too.</summary>
    public static IReadOnlyList<FuzzMethod> Discover()
    {
        var assemblies = new[]
        {
            typeof(Protocol.V1.JobEvent).Assembly,                     // protos/gisbridge/v1/*.proto
            typeof(Grpc.Health.V1.HealthCheckRequest).Assembly,        // grpc.health.v1
            typeof(Grpc.Reflection.V1Alpha.ServerReflectionRequest).Assembly,  // grpc.reflection.v1 and v1alpha
        };
        var files = assemblies.SelectMany(LoadableTypes)
            .Where(t => t.IsClass && t.IsAbstract && t.IsSealed && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as FileDescriptor)
            .OfType<FileDescriptor>()
            .DistinctBy(f => f.Name);
        return files.SelectMany(f => f.Services).SelectMany(s => s.Methods.Select(m => new FuzzMethod(s.FullName, m.Name,
                (m.IsClientStreaming, m.IsServerStreaming) switch
                {
                    (false, false) => MethodType.Unary,
                    (false, true) => MethodType.ServerStreaming,
                    (true, false) => MethodType.ClientStreaming,
                    _ => MethodType.DuplexStreaming,
                }, m.InputType)))
            .OrderBy(m => m.FullName, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }

    /// <summary>A message of type <paramref name="type"/>: a random subset of its fields, each with a random value.</summary>
    public static byte[] RandomMessage(Random rnd, MessageDescriptor type, int depth = 0)
    {
        using var ms = new MemoryStream();
        var output = new CodedOutputStream(ms);
        var fields = type.Fields.InFieldNumberOrder();
        // A oneof (every job request: options | data) gets one of its cases most of the time, as a client sends it.
        foreach (var oneof in type.Oneofs.Where(o => !o.IsSynthetic))
            if (rnd.Next(10) > 0) WriteField(rnd, output, oneof.Fields[rnd.Next(oneof.Fields.Count)], depth);
        foreach (var field in fields.Where(f => f.RealContainingOneof is null))
            if (rnd.Next(3) == 0) WriteField(rnd, output, field, depth);
        if (rnd.Next(20) == 0)
        {
            // An unknown field: parsers keep it; nothing may depend on it.
            output.WriteTag(rnd.Next(1000, 5000), WireFormat.WireType.Varint);
            output.WriteUInt64((ulong)rnd.NextInt64());
        }
        output.Flush();
        return ms.ToArray();
    }

    private static void WriteField(Random rnd, CodedOutputStream output, FieldDescriptor field, int depth)
    {
        int count = field.IsRepeated ? rnd.Next(0, rnd.Next(8) == 0 ? 40 : 5) : 1;
        for (int i = 0; i < count; i++)
        {
            if (field.FieldType is FieldType.Message or FieldType.Group)
            {
                output.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFrom(depth < 4 && rnd.Next(10) > 0
                    ? RandomMessage(rnd, field.MessageType, depth + 1)
                    : RandomBytes(rnd, rnd.Next(0, 48))));
                continue;
            }
            WriteScalar(rnd, output, field);
        }
    }

    private static void WriteScalar(Random rnd, CodedOutputStream output, FieldDescriptor field)
    {
        int n = field.FieldNumber;
        switch (field.FieldType)
        {
            case FieldType.Double:
                output.WriteTag(n, WireFormat.WireType.Fixed64);
                output.WriteDouble(RandomDouble(rnd));
                break;
            case FieldType.Float:
                output.WriteTag(n, WireFormat.WireType.Fixed32);
                output.WriteFloat((float)RandomDouble(rnd));
                break;
            case FieldType.Fixed64 or FieldType.SFixed64:
                output.WriteTag(n, WireFormat.WireType.Fixed64);
                output.WriteFixed64((ulong)RandomInteger(rnd));
                break;
            case FieldType.Fixed32 or FieldType.SFixed32:
                output.WriteTag(n, WireFormat.WireType.Fixed32);
                output.WriteFixed32((uint)RandomInteger(rnd));
                break;
            case FieldType.String:
                output.WriteTag(n, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFrom(RandomText(rnd)));
                break;
            case FieldType.Bytes:
                output.WriteTag(n, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFrom(RandomBytes(rnd, rnd.Next(4) == 0 ? rnd.Next(0, 4096) : rnd.Next(0, 64))));
                break;
            case FieldType.Bool:
                output.WriteTag(n, WireFormat.WireType.Varint);
                output.WriteUInt64(rnd.Next(8) == 0 ? (ulong)RandomInteger(rnd) : (ulong)rnd.Next(2));
                break;
            case FieldType.SInt32 or FieldType.SInt64:
                output.WriteTag(n, WireFormat.WireType.Varint);
                output.WriteSInt64(RandomInteger(rnd));
                break;
            default:  // int32, int64, uint32, uint64, enum: varints
                output.WriteTag(n, WireFormat.WireType.Varint);
                output.WriteUInt64((ulong)RandomInteger(rnd));
                break;
        }
    }

    /// <summary>Small values most of the time (they reach the deepest checks), extremes otherwise.</summary>
    private static long RandomInteger(Random rnd) => rnd.Next(8) switch
    {
        0 or 1 or 2 => rnd.Next(0, 10),
        3 => rnd.Next(0, 5000),
        4 => -rnd.Next(1, 1000),
        5 => rnd.Next(2) == 0 ? int.MaxValue : int.MinValue,
        6 => rnd.NextInt64(),
        _ => rnd.Next(),
    };

    private static double RandomDouble(Random rnd) => rnd.Next(10) switch
    {
        0 => double.NaN,
        1 => rnd.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity,
        2 => 0,
        3 => rnd.Next(2) == 0 ? 1e300 : -1e300,
        4 => BitConverter.Int64BitsToDouble(rnd.NextInt64()),
        5 => -rnd.NextDouble() * 1000,
        _ => rnd.NextDouble() * Math.Pow(10, rnd.Next(-3, 6)),
    };

    private static byte[] RandomText(Random rnd)
    {
        string[] words = ["", "input", "samples", "table", "../../etc/passwd", "/tmp", "cuda", "clr", "delta_8_4", "EPSG:4326", "ggmnet"];
        return rnd.Next(4) switch
        {
            0 => RandomBytes(rnd, rnd.Next(1, 40)),   // mostly not UTF-8
            1 => System.Text.Encoding.UTF8.GetBytes(new string('x', rnd.Next(0, 2000))),
            _ => System.Text.Encoding.UTF8.GetBytes(words[rnd.Next(words.Length)]),
        };
    }

    public static byte[] RandomBytes(Random rnd, int n)
    {
        var b = new byte[n];
        rnd.NextBytes(b);
        return b;
    }
}
