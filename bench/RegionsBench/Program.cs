using System.Globalization;
using GisBridge.Bench.Regions;
using GisBridge.Algorithms.Tests.Regions;

// Usage:
//   dotnet run -c Release --project bench/RegionsBench -- kmeans OUT_DIR     (matrix + ML.NET k-means silhouettes per k)
//   dotnet run -c Release --project bench/RegionsBench -- scale OUT_DIR [k]  (100,000 x 30 k-means + sampled silhouette)
//   dotnet run -c Release --project bench/RegionsBench -- reference [lightgbm] [location]  (Dupal without Pb: blocked CV + ranking)
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var verb = args.Length > 0 ? args[0] : "";
switch (verb)
{
    case "kmeans": KMeansBench.Run(args.Length > 1 ? args[1] : "bench/out"); break;
    case "scale": ScaleBench.Run(args.Length > 1 ? args[1] : "bench/out", args.Length > 2 ? int.Parse(args[2]) : ScaleBench.Blobs); break;
    case "reference": ReferenceTaskBench.Run(args.Skip(1).ToHashSet()); break;
    default: Console.Error.WriteLine("verbs: kmeans OUT_DIR | reference [lightgbm] [location]"); return 2;
}
return 0;
