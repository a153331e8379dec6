using System.Diagnostics;

namespace GisBridge.Tests.Support;

/// <summary>Runs a peer tool (gdallocationinfo, /usr/bin/python3 with NumPy/SciPy) for comparison tests: stdin in,
/// stdout back; a failure throws with the tool's stderr.</summary>
internal static class ExternalTool
{
    public const string Python = "/usr/bin/python3";

    public static string Run(string program, IEnumerable<string> args, string stdin = "")
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardInput.Write(stdin);
        p.StandardInput.Close();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>Runs a Python script given as text, with arguments.</summary>
    public static string RunPython(string script, params string[] args) => Run(Python, new[] { "-c", script }.Concat(args));
}
