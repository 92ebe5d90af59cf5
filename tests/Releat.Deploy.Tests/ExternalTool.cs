using System.Diagnostics;

namespace Releat.Deploy.Tests;

/// <summary>Runs a command-line tool (kubectl, node, docker-compose, promtool, bash) and collects what it printed.</summary>
internal static class ExternalTool
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    /// <summary>The tool's full path on PATH, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>The tool's path, or a failure that says how to get it (scripts/install-prerequisites.sh installs them all).</summary>
    public static string Require(string name) =>
        Find(name) ?? throw new InvalidOperationException(
            $"'{name}' is not on PATH; scripts/install-prerequisites.sh installs what these tests need.");

    public static Result Run(string tool, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Releat.Testing.RepositoryRoot.Path,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', start.ArgumentList)} did not finish in time");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
