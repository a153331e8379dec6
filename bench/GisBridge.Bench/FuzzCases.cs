using Google.Protobuf;
using GisBridge.Protocol.V1;

namespace GisBridge.Bench;

/// <summary>
/// Random request streams for any job RPC, built as raw protobuf bytes: every request message of this protocol has
/// `options` as field 1 and `data` (JobData) as field 2, so one generator serves all RPCs.
/// </summary>
public sealed class FuzzCases(Random rnd)
{
    public List<byte[]> Next()
    {
        return rnd.Next(10) switch
        {
            0 => Enumerable.Range(0, rnd.Next(1, 4)).Select(_ => RandomBytes(rnd.Next(0, 64))).ToList(),
            1 => [],
            2 => [Data(RasterHeaderItem(RandomHeader()))],                      // missing options
            3 => [Options(RandomBytes(rnd.Next(0, 32))), .. RasterStream(valid: false)],  // junk options
            4 => [Options([]), .. RasterStream(valid: true, poison: true)],     // NaN/Inf everywhere
            5 => [Options([]), .. RasterStream(valid: false)],
            6 => [Options([]), Data(FileItem())],
            7 => [Options([]), Data(new JobData().ToByteArray())],             // empty item
            8 => [Options(UnknownEnumOptions()), .. RasterStream(valid: true)],
            _ => [Options([]), .. RasterStream(valid: true).Take(rnd.Next(1, 3))],  // truncated
        };
    }

    private byte[] RandomBytes(int n)
    {
        var b = new byte[n];
        rnd.NextBytes(b);
        return b;
    }

    private static byte[] Options(byte[] body) => Field(1, body);
    private static byte[] Data(byte[] body) => Field(2, body);

    private static byte[] Field(int number, byte[] body)
    {
        using var ms = new MemoryStream();
        var output = new CodedOutputStream(ms);
        output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(body));
        output.Flush();
        return ms.ToArray();
    }

    // Options bodies with out-of-range enum values in the first varint fields.
    private byte[] UnknownEnumOptions()
    {
        using var ms = new MemoryStream();
        var output = new CodedOutputStream(ms);
        for (int f = 1; f <= 4; f++)
        {
            output.WriteTag(f, WireFormat.WireType.Varint);
            output.WriteInt32(rnd.Next(-5, 1000));
        }
        output.Flush();
        return ms.ToArray();
    }

    private RasterHeader RandomHeader()
    {
        var h = new RasterHeader
        {
            Name = rnd.Next(3) == 0 ? "" : "input",
            Width = rnd.Next(4) == 0 ? rnd.Next(int.MinValue, int.MaxValue) : rnd.Next(0, 40),
            Height = rnd.Next(4) == 0 ? rnd.Next(int.MinValue, int.MaxValue) : rnd.Next(0, 40),
            BandCount = rnd.Next(5) == 0 ? rnd.Next(-3, 100000) : rnd.Next(0, 3),
            DataType = (RasterDataType)rnd.Next(-1, 9),
            HasNodata = rnd.Next(2) == 0,
            Nodata = rnd.Next(3) == 0 ? double.NaN : rnd.Next(-9999, 9999),
            CrsWkt = rnd.Next(2) == 0 ? "" : "GEOGCS[\"junk",
        };
        int gt = rnd.Next(3) == 0 ? rnd.Next(0, 8) : 6;
        for (int i = 0; i < gt; i++) h.Geotransform.Add(rnd.Next(10) == 0 ? double.NaN : rnd.NextDouble() * 1000 - 500);
        return h;
    }

    private static byte[] RasterHeaderItem(RasterHeader h) => new JobData { RasterHeader = h }.ToByteArray();

    private IEnumerable<byte[]> RasterStream(bool valid, bool poison = false)
    {
        var h = valid
            ? new RasterHeader { Name = "input", Width = rnd.Next(1, 64), Height = rnd.Next(1, 64), BandCount = 1, DataType = RasterDataType.Float32 }
            : RandomHeader();
        if (valid) h.Geotransform.AddRange([rnd.Next(-180, 180), 0.01 + rnd.NextDouble(), 0, rnd.Next(-90, 90), 0, -(0.01 + rnd.NextDouble())]);
        yield return Data(RasterHeaderItem(h));
        int w = Math.Clamp(h.Width, 0, 64), ht = Math.Clamp(h.Height, 0, 64);
        for (int r = 0; r < ht; r += 8)
        {
            int n = Math.Min(8, ht - r);
            byte[] payload = valid ? Poisoned(w * n, poison) : RandomBytes(rnd.Next(0, w * n * 4 + 8));
            var chunk = new RasterChunk { Band = valid ? 0 : rnd.Next(-1, 3), RowStart = valid ? r : rnd.Next(-2, 70), RowCount = valid ? n : rnd.Next(-1, 10), Data = ByteString.CopyFrom(payload) };
            yield return Data(new JobData { RasterChunk = chunk }.ToByteArray());
        }
    }

    private byte[] Poisoned(int cells, bool poison)
    {
        var f = new float[cells];
        for (int i = 0; i < cells; i++)
            f[i] = poison ? (rnd.Next(3) switch { 0 => float.NaN, 1 => float.PositiveInfinity, _ => float.NegativeInfinity }) : (float)rnd.NextDouble();
        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(f.AsSpan()).ToArray();
    }

    private byte[] FileItem()
    {
        var names = new[] { "../../etc/passwd", "/abs.csv", "ok.csv", "", "a/./b.csv", "x.gpkg" };
        var h = new FileHeader { Name = rnd.Next(2) == 0 ? "table" : "", FileName = names[rnd.Next(names.Length)], Size = rnd.Next(-10, 100) };
        return new JobData { FileHeader = h }.ToByteArray();
    }
}
