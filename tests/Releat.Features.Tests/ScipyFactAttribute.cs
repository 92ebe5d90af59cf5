using System.Diagnostics;

namespace Releat.Features.Tests;

/// <summary>
/// A fact that needs Debian's Python with scipy (scripts/install-prerequisites.sh installs python3-scipy). Where it is
/// missing the test is reported as skipped with the reason, never passed without checking: xunit 2 decides skips when
/// it discovers tests, so the probe runs here, once per test run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ScipyFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> MissingReason = new(Probe);

    public ScipyFactAttribute()
    {
        if (MissingReason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Probe()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is missing: run scripts/install-prerequisites.sh (python3-scipy)";
        }

        var start = new ProcessStartInfo(Python, ["-c", "import scipy"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            return $"{Python} -c 'import scipy' did not finish within 60 s";
        }

        return process.ExitCode == 0 ? null : $"scipy is not importable by {Python} (run scripts/install-prerequisites.sh): {error.Result.Trim()}";
    }
}
