using System.Diagnostics;
using System.Globalization;

namespace Releat.Cli.Local;

/// <summary>
/// One process of the local stack as its supervisor keeps it: the pid it runs as, the handle on it when the
/// supervisor started it (so how it ended can be read), how often it was restarted, why it last exited, and when it
/// is due to start again.
/// </summary>
internal sealed class SupervisedProcess(string name, string log, string? health)
{
    private Process? _child;
    private int _quickExits;

    public string Name { get; } = name;

    public string Log { get; } = log;

    public string? Health { get; } = health;

    public int Pid { get; private set; }

    public DateTime StartedUtc { get; private set; }

    public int Restarts { get; private set; }

    public string? LastExit { get; private set; }

    public DateTime? LastExitUtc { get; private set; }

    /// <summary>When it starts again; null while it runs.</summary>
    public DateTime? RestartDueUtc { get; private set; }

    /// <summary>A process a previous supervisor started and that still runs: watched by its pid only.</summary>
    public static SupervisedProcess Adopt(LocalStackProcess running, DateTime nowUtc)
    {
        var process = new SupervisedProcess(running.Name, running.Log, running.Health)
        {
            Restarts = running.Restarts,
            LastExit = running.LastExit,
            LastExitUtc = running.LastExitUtc,
        };
        process.Started(running.Pid, null, nowUtc);
        return process;
    }

    public void Started(int pid, Process? child, DateTime nowUtc)
    {
        _child?.Dispose();
        _child = child;
        Pid = pid;
        StartedUtc = nowUtc;
        RestartDueUtc = null;
    }

    public void Restarted(int pid, Process? child, DateTime nowUtc)
    {
        Started(pid, child, nowUtc);
        Restarts++;
    }

    /// <summary>True when it ran and is now gone; it is then due to start again after the backoff.</summary>
    public bool CheckExited(DateTime nowUtc)
    {
        if (RestartDueUtc is not null || IsRunning)
        {
            return false;
        }

        LastExit = HowItEnded();
        LastExitUtc = nowUtc;
        _quickExits = nowUtc - StartedUtc >= RestartBackoff.Settled ? 0 : _quickExits;
        RestartDueUtc = nowUtc + RestartBackoff.After(_quickExits);
        _quickExits++;
        _child?.Dispose();
        _child = null;
        return true;
    }

    public bool IsRunning => _child is { } child ? !child.HasExited : DetachedProcess.IsAlive(Pid, Name);

    public LocalStackProcess ToRecord() => new(Name, Pid, Log, Health, Restarts, LastExit, LastExitUtc, RestartDueUtc);

    public void Release()
    {
        _child?.Dispose();
        _child = null;
    }

    /// <summary>.NET reports a child killed by a signal as 128 + the signal's number.</summary>
    private string HowItEnded()
    {
        if (_child is null)
        {
            return "gone (started by an earlier supervisor: no exit status)";
        }

        int code = _child.ExitCode;
        return code switch
        {
            0 => "exited with code 0",
            > 128 and < 160 => string.Create(CultureInfo.InvariantCulture, $"killed by signal {code - 128} ({SignalName(code - 128)})"),
            _ => string.Create(CultureInfo.InvariantCulture, $"exited with code {code}"),
        };
    }

    private static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        6 => "SIGABRT",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        15 => "SIGTERM",
        _ => "signal " + signal.ToString(CultureInfo.InvariantCulture),
    };
}
