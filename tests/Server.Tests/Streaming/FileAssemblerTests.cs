using Google.Protobuf;
using GisBridge.Protocol.V1;
using GisBridge.Server.Jobs;
using GisBridge.Server.Streaming;

namespace GisBridge.Server.Tests.Streaming;

public sealed class FileAssemblerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gb-fa-").FullName;

    [Theory]
    [InlineData("../escape.csv")]
    [InlineData("/etc/passwd")]
    [InlineData("a/../../b.csv")]
    [InlineData("a\\b.csv")]
    [InlineData("")]
    public void TraversalAndAbsoluteNamesAreRefused(string name)
    {
        Assert.Throws<JobInputException>(() => new FileAssembler(new FileHeader { Name = "table", FileName = name, Size = 1 }, _dir, 100));
    }

    [Fact]
    public void SizeMismatchesAreRefused()
    {
        using (var a = new FileAssembler(new FileHeader { Name = "table", FileName = "x.csv", Size = 3 }, _dir, 100))
        {
            a.Add(new FileChunk { Data = ByteString.CopyFromUtf8("ab") });
            Assert.Contains("truncated", Assert.Throws<JobInputException>(a.Complete).Message);
        }
        using var b = new FileAssembler(new FileHeader { Name = "table", FileName = "sub/y.csv", Size = 1 }, _dir, 100);
        Assert.Throws<JobInputException>(() => b.Add(new FileChunk { Data = ByteString.CopyFromUtf8("ab") }));
        Assert.Throws<ResourceLimitException>(() => new FileAssembler(new FileHeader { Name = "t", FileName = "z.csv", Size = 101 }, _dir, 100));
    }

    [Fact]
    public void FileIsSavedUnderItsRelativeName()
    {
        using var a = new FileAssembler(new FileHeader { Name = "dataset", FileName = "images/t1.tif", Size = 2 }, _dir, 100);
        a.Add(new FileChunk { Data = ByteString.CopyFromUtf8("ok") });
        a.Complete();
        Assert.Equal("ok", File.ReadAllText(Path.Combine(_dir, "inputs", "dataset", "images", "t1.tif")));
    }

    [Fact]
    public void TwoRolesMaySendFilesOfTheSameName()
    {
        foreach (var (role, text) in new[] { ("samples", "s"), ("axes", "a") })
        {
            using var a = new FileAssembler(new FileHeader { Name = role, FileName = "layer.gpkg", Size = 1 }, _dir, 100);
            a.Add(new FileChunk { Data = ByteString.CopyFromUtf8(text) });
            a.Complete();
        }
        Assert.Equal("s", File.ReadAllText(Path.Combine(_dir, "inputs", "samples", "layer.gpkg")));
        Assert.Equal("a", File.ReadAllText(Path.Combine(_dir, "inputs", "axes", "layer.gpkg")));
        Assert.Throws<JobInputException>(() => new FileAssembler(new FileHeader { Name = "..", FileName = "x.csv", Size = 1 }, _dir, 100));
    }

    public void Dispose() => Directory.Delete(_dir, true);
}
