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

    private static async Task<string?> LocateAsync(string folder, string project, CancellationToken cancellation)
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
        var build = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "build", Path.Combine(repo, "services", folder, project + ".csproj"), "-c", "Release", "-o", output, "--nologo", "-v", "quiet", "-clp:NoSummary;ErrorsOnly" },
        };
        Console.Error.WriteLine($"releat: building {folder}...");
        using var builder = Process.Start(build)!;
        await builder.WaitForExitAsync(cancellation).ConfigureAwait(false);
        var dll = Path.Combine(output, project + ".dll");
        return builder.ExitCode == 0 && File.Exists(dll) ? dll : null;
    }
}
