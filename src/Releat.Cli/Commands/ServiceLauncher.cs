using System.Diagnostics;

namespace Releat.Cli.Commands;

/// <summary>
/// Runs one of the service hosts as its own process, as it runs deployed. From a checkout (RELEAT_REPO, set by
/// ./releat) it builds the service first when needed; otherwise RELEAT_SERVICES names a folder of published ones.
/// </summary>
internal static class ServiceLauncher
{
    public static async Task<int> RunInForegroundAsync(string folder, string project, IEnumerable<string> arguments, CancellationToken cancellation)
    {
        var dll = await LocateAsync(folder, project, cancellation).ConfigureAwait(false);
        if (dll is null)
        {
            Console.Error.WriteLine($"releat: cannot find {project}.dll; run from a checkout with ./releat, or set RELEAT_SERVICES to a folder of published services");
            return 2;
        }

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C from a terminal reaches the service too, but SIGTERM to this process does not: pass it on,
            // then give the service time to shut down gracefully.
            TerminationSignal.Send(process);
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return process.HasExited ? process.ExitCode : 130;
    }

    /// <summary>The service's dll: from RELEAT_SERVICES, or built from the checkout (incremental) into artifacts/services.</summary>
    public static async Task<string?> LocateAsync(string folder, string project, CancellationToken cancellation)
    {
        if (Environment.GetEnvironmentVariable("RELEAT_SERVICES") is { Length: > 0 } published)
        {
            var candidate = Path.Combine(published, folder, project + ".dll");
            return File.Exists(candidate) ? candidate : null;
        }

        if (Environment.GetEnvironmentVariable("RELEAT_REPO") is not { Length: > 0 } repo)
        {
            return null;
        }

        var output = Path.Combine(repo, "artifacts", "services", folder);
        var built = Path.Combine(output, project + ".dll");
        if (!IsStale(repo, folder, built))
        {
            return built;
        }

        // The build's own output is kept and shown only when it fails: MSBuild prints its "Build succeeded" summary
        // whatever the verbosity, which in the middle of `releat start` reads as noise.
        var build = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "build", Path.Combine(repo, "services", folder, project + ".csproj"), "-c", "Release", "-o", output, "--nologo", "-v", "quiet" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Console.Error.WriteLine($"releat: building {folder}...");
        using var builder = Process.Start(build)!;
        Task<string> printed = builder.StandardOutput.ReadToEndAsync(cancellation);
        Task<string> errors = builder.StandardError.ReadToEndAsync(cancellation);
        await builder.WaitForExitAsync(cancellation).ConfigureAwait(false);
        if (builder.ExitCode != 0 || !File.Exists(built))
        {
            Console.Error.WriteLine($"releat: building {folder} failed:");
            Console.Error.WriteLine((await printed.ConfigureAwait(false)) + await errors.ConfigureAwait(false));
            return null;
        }

        File.SetLastWriteTimeUtc(built, DateTime.UtcNow);
        return built;
    }

    /// <summary>
    /// A build is needed when the dll is missing or any source it may depend on (src/, protos/, the service's folder,
    /// the central props) is newer: a no-op `dotnet build` still costs seconds per service.
    /// </summary>
    private static bool IsStale(string repo, string folder, string dll)
    {
        if (!File.Exists(dll))
        {
            return true;
        }

        var builtAt = File.GetLastWriteTimeUtc(dll);
        string[] roots = [Path.Combine(repo, "src"), Path.Combine(repo, "protos"), Path.Combine(repo, "services", folder)];
        string[] kinds = [".cs", ".csproj", ".proto", ".json", ".yaml"];
        return File.GetLastWriteTimeUtc(Path.Combine(repo, "Directory.Packages.props")) > builtAt
            || File.GetLastWriteTimeUtc(Path.Combine(repo, "Directory.Build.props")) > builtAt
            || roots.Where(Directory.Exists).SelectMany(r => Directory.EnumerateFiles(r, "*", SearchOption.AllDirectories))
                .Where(f => kinds.Contains(Path.GetExtension(f)) && !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
                .Any(f => File.GetLastWriteTimeUtc(f) > builtAt);
    }
}
