using GisBridge.Server.Cli;
using GisBridge.Server.Jobs;

// Before any native library allocates: large temporaries are reused instead of remapped (see NativeHeapTuning).
NativeHeapTuning.Apply();

try
{
    return await CliRoot.Create(args).Parse(args).InvokeAsync();
}
catch (Exception e)
{
    // Everything expected is reported by the verbs themselves; this is a bug, said plainly.
    Console.Error.WriteLine($"internal error: {e}");
    return 1;
}
