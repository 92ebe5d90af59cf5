using System.Diagnostics;
using System.Globalization;

namespace Releat.Cli.Commands;

/// <summary>Asks a child process to stop gracefully: SIGTERM on Unix (the hosts drain on it), a kill elsewhere.</summary>
internal static class TerminationSignal
{
    public static void Send(Process process)
    {
        if (process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            process.Kill(entireProcessTree: true);
            return;
        }

        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
