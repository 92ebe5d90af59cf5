using System.Diagnostics;
using System.Text;
using Releat.Testing;

namespace Releat.Security.Tests.Support;

/// <summary>
/// Runs a built service host as its own process until it exits on its own, for hosts that must refuse to start;
/// returns the exit code and everything it wrote. Killed if it is still running after the timeout.
/// </summary>
public static class HostRun
{
    public static async Task<(int ExitCode, string Output)> UntilExitAsync(
        string folder, string project, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var dll = new[] { "Release", "Debug" }
            .Select(c => Path.Combine(RepositoryRoot.Path, "services", folder, "bin", c, "net10.0", project + ".dll"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault() ?? throw new FileNotFoundException($"{project}.dll is not built under services/{folder}/bin.");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{project} still running after {timeout}:\n{Text(output)}");
        }

        // The asynchronous readers may still hold the last lines; WaitForExit() without a timeout drains them.
        process.WaitForExit();
        return (process.ExitCode, Text(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
