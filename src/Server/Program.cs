using GisBridge.Server.Cli;

try
{
    return await CliRoot.InvokeAsync(args);
}
catch (Exception e)
{
    // Everything expected is reported by the verbs themselves; this is a bug, said plainly.
    Console.Error.WriteLine($"internal error: {e}");
    return 1;
}
