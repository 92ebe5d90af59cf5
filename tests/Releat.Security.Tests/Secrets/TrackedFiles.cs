using System.Diagnostics;

namespace Releat.Security.Tests.Secrets;

/// <summary>The files git tracks in the checkout, as git itself lists them (what a push would publish).</summary>
public static class TrackedFiles
{
    public static IReadOnlyList<string> List(string root)
    {
        var start = new ProcessStartInfo("git", ["-C", root, "ls-files", "-z"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var git = Process.Start(start) ?? throw new InvalidOperationException("git could not be started");
        Task<string> errors = git.StandardError.ReadToEndAsync();
        string listing = git.StandardOutput.ReadToEnd();
        git.WaitForExit();
        if (git.ExitCode != 0)
        {
            throw new InvalidOperationException($"git ls-files in {root} exited with {git.ExitCode}: {errors.Result}");
        }

        return listing.Split('\0', StringSplitOptions.RemoveEmptyEntries);
    }
}
