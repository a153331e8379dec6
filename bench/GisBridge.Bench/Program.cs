using GisBridge.Bench;

// Usage: GisBridge.Bench transfer [--mb 100] [--repeat 3] [--chunk-mb 1] [--address URL]
//        GisBridge.Bench fuzz [--requests 10000] [--seed 1] [--address URL [--server-pid PID]] [--deadline-s 10] [--show-call N]
//        GisBridge.Bench load [--clients 8] [--mb 100] [--address URL]
//        GisBridge.Bench ggmnet-random-model DIR [--config tiny|cpu-small] [--channels 1] [--classes 6]
//        GisBridge.Bench lithology-lightgbm DATASET_DIR REPORT.json [--trees 200] [--leaves 31] [--balanced 1]
//        GisBridge.Bench ggmnet-forward MODEL_DIR IO.safetensors [--size 512] [--batch 1] [--repeat 3] [--threads 0]
//        GisBridge.Bench scalar-race [--mode temporary|held] [--seconds 20]
//        GisBridge.Bench lithology-uncertainty DATASET_DIR MODEL_DIR [--subset test] [--mc 16] [--seed 1]
// Without --address an in-process server on a free loopback port is used (same code path as `gisbridge serve`).
var verb = args.Length > 0 ? args[0] : "";
var options = BenchArgs.Parse(args.Skip(1).ToArray());
return verb switch
{
    "transfer" => await TransferBenchmark.RunAsync(options),
    "fuzz" => await FuzzHarness.RunAsync(options, args),
    "load" => await LoadBenchmark.RunAsync(options),
    // The network verbs run as the server does: oneDNN convolutions off (see OneDnnConvolutionGuard for why).
    "ggmnet-random-model" => Guarded(() => RandomModel.Run(args.Skip(1).ToArray())),
    "lithology-lightgbm" => PixelBoostingBaseline.Run(args.Skip(1).ToArray()),
    "ggmnet-forward" => Guarded(() => GgmnetForwardBenchmark.Run(args.Skip(1).ToArray())),
    "scalar-race" => ScalarRaceBenchmark.Run(args.Skip(1).ToArray()),
    "lithology-uncertainty" => Guarded(() => LithologyUncertaintyBenchmark.Run(args.Skip(1).ToArray())),
    _ => Usage(),
};

static int Guarded(Func<int> run)
{
    GisBridge.Server.Hosting.OneDnnConvolutionGuard.Apply();
    return run();
}

static int Usage()
{
    Console.Error.WriteLine("usage: GisBridge.Bench transfer|fuzz|load|lithology-lightgbm|ggmnet-random-model|ggmnet-forward|scalar-race|lithology-uncertainty [--mb N] [--repeat N] [--requests N] [--clients N] [--seed N] [--address URL]");
    return 2;
}
