using Grpc.Core;
using GisBridge.Protocol.V1;
using GisBridge.Server.Hosting;
using GisBridge.Server.Streaming;

namespace GisBridge.Server.Jobs;

/// <summary>Reads the JobData items of a request stream into <see cref="JobInputs"/>, checking their order and sizes.</summary>
public sealed class StreamedInputReader(ServerOptions options, IGeoIo geo, PathPolicy paths, MemoryBudget budget)
{
    public async Task<JobInputs> ReadAsync<TRequest>(
        IAsyncStreamReader<TRequest> requests, Func<TRequest, JobData?> dataOf, JobContext context)
    {
        var inputs = new JobInputs();
        RasterAssembler? raster = null;
        FileAssembler? file = null;
        try
        {
            while (await requests.MoveNext(context.Cancellation))
            {
                var data = dataOf(requests.Current)
                    ?? throw new JobInputException("payload", "options may be sent only once, as the first message");
                switch (data.ItemCase)
                {
                    case JobData.ItemOneofCase.RasterHeader:
                        Finish(ref raster, ref file, inputs, context);
                        var h = data.RasterHeader;
                        if (!string.IsNullOrEmpty(h.LocalPath))
                        {
                            var path = paths.Check(h.LocalPath, $"{h.Name}.local_path");
                            // A CRS sent with a local path is the layer's (set in QGIS) and wins over the file's.
                            inputs.AddRasterFile(NameOf(h.Name, "input"), path, geo, h.CrsWkt);
                        }
                        else
                        {
                            raster = new RasterAssembler(h, options.MaxRasterBytes, budget);
                        }
                        break;
                    case JobData.ItemOneofCase.RasterChunk:
                        if (raster is null)
                            throw new JobInputException("raster_chunk", "a raster chunk came before its raster header");
                        raster.Add(data.RasterChunk);
                        break;
                    case JobData.ItemOneofCase.FileHeader:
                        Finish(ref raster, ref file, inputs, context);
                        var fh = data.FileHeader;
                        if (!string.IsNullOrEmpty(fh.LocalPath))
                        {
                            var path = paths.Check(fh.LocalPath, $"{fh.Name}.local_path");
                            if (!File.Exists(path)) throw new JobInputException($"{fh.Name}.local_path", $"'{path}' does not exist");
                            inputs.AddFile(new InputFile(NameOf(fh.Name, "file"), string.IsNullOrEmpty(fh.FileName) ? Path.GetFileName(path) : fh.FileName, path));
                        }
                        else
                        {
                            file = new FileAssembler(fh, context.WorkDir, options.MaxFileBytes);
                        }
                        break;
                    case JobData.ItemOneofCase.FileChunk:
                        if (file is null)
                            throw new JobInputException("file_chunk", "a file chunk came before its file header");
                        file.Add(data.FileChunk);
                        break;
                    default:
                        throw new JobInputException("data", "empty JobData item (no raster or file part set)");
                }
            }
            Finish(ref raster, ref file, inputs, context);
            return inputs;
        }
        finally
        {
            raster?.Dispose();
            file?.Dispose();
        }
    }

    private void Finish(ref RasterAssembler? raster, ref FileAssembler? file, JobInputs inputs, JobContext context)
    {
        if (raster is not null)
        {
            raster.EnsureComplete();
            var done = raster;
            context.Hold(done);  // its budget lease covers the decoded grid until the job ends
            string name = NameOf(done.Header.Name, "input");
            var grid = InputCrs.Settle(done.ToGrid(geo.DescribeCrs), "", name, geo, inputs.Warn);
            inputs.AddRaster(name, () => grid);
            raster = null;
        }
        if (file is not null)
        {
            file.Complete();
            inputs.AddFile(new InputFile(NameOf(file.Header.Name, "file"), file.Header.FileName, file.Path));
            file = null;
        }
    }

    private static string NameOf(string name, string fallback) => string.IsNullOrEmpty(name) ? fallback : name;
}
