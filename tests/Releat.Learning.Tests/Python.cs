using System.Diagnostics;

namespace Releat.Learning.Tests;

/// <summary>Runs Debian's Python (with numpy, which the test prerequisites install) on a script given on stdin, as an independent reader of what releat writes.</summary>
internal static class Python
{
    public const string Interpreter = "/usr/bin/python3";

    public static string Run(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-");
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Interpreter}");
        process.StandardInput.Write(script);
        process.StandardInput.Close();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("python did not finish in 120 s");
        }

        Assert.True(process.ExitCode == 0, $"python failed ({process.ExitCode}): {stderr.Result}");
        return stdout;
    }

    /// <summary>The shared folder beside the checkout (reference implementations live in shared/peers).</summary>
    public static string SharedPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "releat.slnx")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
            }
        }

        throw new InvalidOperationException($"No releat.slnx above {AppContext.BaseDirectory}.");
    }
}
