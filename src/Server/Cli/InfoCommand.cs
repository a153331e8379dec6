using System.CommandLine;
using GisBridge.Server.Hosting;
using GisBridge.Server.Info;
using Google.Protobuf;

namespace GisBridge.Server.Cli;

/// <summary>`gisbridge info`: versions, native libraries and capabilities, as JSON.</summary>
public static class InfoCommand
{
    public static Command Create()
    {
        var command = new Command("info", "Print server version, GDAL (version, block cache) and TorchSharp status and capabilities as JSON");
        command.SetAction(_ =>
        {
            var info = new ServerInfoProvider(new ServerOptions(), () => Io.Gdal.GdalLibrary.Version, () => Io.Gdal.GdalLibrary.CacheMaxBytes).Describe();
            Console.WriteLine(JsonFormatter.Default.Format(info));
            return 0;
        });
        return command;
    }
}
