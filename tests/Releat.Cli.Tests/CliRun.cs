using System.Diagnostics;
using System.Text;
using Releat.Testing;

namespace Releat.Cli.Tests;

/// <summary>One run of the built `releat` with its output redirected, as a pipe or a log file takes it, bytes and all.</summary>
public sealed record CliRun(int ExitCode, byte[] StdoutBytes, byte[] StderrBytes)
{
    private static readonly string[] Configurations = ["Release", "Debug"];

    public string Stdout => Encoding.UTF8.GetString(StdoutBytes);

    public string Stderr => Encoding.UTF8.GetString(StderrBytes);

    public IReadOnlyList<string> StdoutLines => Stdout.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();

    /// <summary>Runs <c>releat args</c> in <paramref name="folder"/>; <paramref name="wrapper"/> (e.g. `script`) runs it under a terminal.</summary>
    public static async Task<CliRun> RunAsync(
        string folder, IReadOnlyDictionary<string, string?> environment, IReadOnlyList<string> args, TimeSpan timeout, string[]? wrapper = null)
    {
        string dll = BuiltCli();
        ProcessStartInfo start;
        if (wrapper is null)
        {
            start = new ProcessStartInfo("dotnet", [dll, .. args]);
        }
        else
        {
            string command = string.Join(' ', new[] { "dotnet", dll }.Concat(args).Select(Quote));
            start = new ProcessStartInfo(wrapper[0], [.. wrapper[1..], command]);
        }

        start.WorkingDirectory = folder;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        foreach (string inherited in new[] { "NO_COLOR", "COLUMNS", "TERM" })
        {
            start.Environment.Remove(inherited);
        }

        foreach ((string key, string? value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        using var deadline = new CancellationTokenSource(timeout);
        Task copyOut = process.StandardOutput.BaseStream.CopyToAsync(stdout, deadline.Token);
        Task copyErr = process.StandardError.BaseStream.CopyToAsync(stderr, deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            await Task.WhenAll(copyOut, copyErr).WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"releat {string.Join(' ', args)} did not finish in {timeout}");
        }

        return new CliRun(process.ExitCode, stdout.ToArray(), stderr.ToArray());
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string BuiltCli()
    {
        // The test project references the CLI (without its output), so it is built in the same configuration.
        var candidates = Configurations
            .Select(c => Path.Combine(RepositoryRoot.Path, "src", "Releat.Cli", "bin", c, "net10.0", "releat.dll"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .ToList();
        return candidates.Count > 0 ? candidates[0] : throw new FileNotFoundException("releat.dll is not built under src/Releat.Cli/bin; build the solution first.");
    }
}
