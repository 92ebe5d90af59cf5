using System.Diagnostics;
using System.Globalization;

namespace Releat.Cli.Local;

/// <summary>
/// Starts a program that outlives this CLI: in a session of its own (setsid, so a Ctrl+C in this terminal does not
/// reach it), output appended to a log file, and tells whether a recorded pid is still that program.
/// </summary>
internal static class DetachedProcess
{
    public static int Start(string program, IEnumerable<string> arguments, string log, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var (pid, child) = StartChild(program, arguments, log, environment, workingDirectory);
        child?.Dispose();
        return pid;
    }

    /// <summary>
    /// As <see cref="Start"/>, and also this process's handle on the program when it is this process's own child
    /// (setsid did not fork), so a supervisor can wait for it and read how it ended; null when it is not.
    /// </summary>
    public static (int Pid, Process? Child) StartChild(string program, IEnumerable<string> arguments, string log, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);

        // setsid may fork (when this process's child leads its group), so the shell it runs writes down its own pid,
        // which the program keeps: sh execs it after the redirection.
        string pidFile = log + ".pid";
        File.Delete(pidFile);
        var start = new ProcessStartInfo("setsid") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        start.ArgumentList.Add("sh");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("echo $$ >\"$RELEAT_PROCESS_LOG.pid\"; exec \"$@\" >>\"$RELEAT_PROCESS_LOG\" 2>&1 </dev/null");
        start.ArgumentList.Add("releat-process");
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["RELEAT_PROCESS_LOG"] = log;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                if (pid == process.Id)
                {
                    return (pid, process);
                }

                process.Dispose();
                return (pid, null);
            }

            Thread.Sleep(10);
        }

        process.Dispose();
        throw new InvalidOperationException($"{program} did not start within 10 s (no pid in {pidFile})");
    }

    /// <summary>True while <paramref name="pid"/> runs a command line containing <paramref name="marker"/> (pids are reused).</summary>
    public static bool IsAlive(int pid, string marker)
    {
        string cmdline = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline";
        try
        {
            return File.Exists(cmdline) && File.ReadAllText(cmdline).Replace('\0', ' ').Contains(marker, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, then SIGKILL if it has not exited within <paramref name="grace"/>; true when it exited gracefully.</summary>
    public static async Task<bool> StopAsync(int pid, string marker, TimeSpan grace)
    {
        if (!IsAlive(pid, marker))
        {
            return true;
        }

        Signal("-TERM", pid);
        var deadline = DateTime.UtcNow + grace;
        while (DateTime.UtcNow < deadline)
        {
            if (!IsAlive(pid, marker))
            {
                return true;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        Signal("-KILL", pid);
        return false;
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
