using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit;

namespace Releat.Testing;

/// <summary>
/// A fact that needs Debian's Python with a module (scipy, torch) as an independent reference. Where the module is
/// missing the test is reported as skipped with the reason and the package to install, never passed without checking:
/// xunit 2 decides skips when it discovers tests, so the probe runs here, once per module and test run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PythonModuleFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    private static readonly ConcurrentDictionary<string, string?> MissingReasons = new(StringComparer.Ordinal);

    /// <param name="module">The module the test imports.</param>
    /// <param name="installedBy">What installs it, for the skip reason (e.g. "scripts/install-prerequisites.sh").</param>
    public PythonModuleFactAttribute(string module, string installedBy)
    {
        if (MissingReasons.GetOrAdd(module, m => Probe(m, installedBy)) is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Probe(string module, string installedBy)
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is missing: {installedBy} installs it with {module}";
        }

        var start = new ProcessStartInfo(Python, ["-c", $"import {module}"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            return $"{Python} -c 'import {module}' did not finish within 60 s";
        }

        return process.ExitCode == 0 ? null : $"{module} is not importable by {Python} ({installedBy} installs it): {error.Result.Trim()}";
    }
}
