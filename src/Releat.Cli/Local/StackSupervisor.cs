using System.Globalization;
using Releat.Checksums;

namespace Releat.Cli.Local;

/// <summary>
/// Keeps the local stack up as compose's <c>restart: unless-stopped</c> does: it runs detached (`releat start` launches
/// it), brings the stack up, then starts again any process that exits, after <see cref="RestartBackoff"/>, and writes
/// the stack file with each process's restarts and how it last ended. Stopped (SIGTERM, as `releat stop` sends), it
/// stops the stack, the trader first and Redis last. One supervisor per stack: it holds the run folder's writer lock.
/// </summary>
internal sealed class StackSupervisor(LocalStackOptions options, Action<string> say)
{
    /// <summary>The hidden command it runs as; also how its pid is recognised in /proc.</summary>
    public const string Marker = "stack-supervise";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public async Task<int> RunAsync(CancellationToken cancellation)
    {
        string run = LocalStackState.RunDirectory(options.Home);
        using var writer = WriterLock.Acquire(run, Path.Combine(run, "supervisor.lock"));
        var stack = new LocalStack(options, say);
        IReadOnlyList<SupervisedProcess> processes;
        try
        {
            processes = await stack.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or OperationCanceledException)
        {
            say("not started: " + e.Message);
            return 1;
        }

        Write(processes);
        say("stack up; restarting what exits until stopped");
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                if (Supervise(stack, processes, DateTime.UtcNow))
                {
                    Write(processes);
                }

                await Task.Delay(Poll, cancellation).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        say("stopping the stack");
        await LocalStack.StopAllAsync(processes, say).ConfigureAwait(false);
        File.Delete(LocalStackState.FileOf(options.Home));
        return 0;
    }

    /// <summary>One round: notes each process that exited and starts each one whose wait is over; true when anything changed.</summary>
    private bool Supervise(LocalStack stack, IReadOnlyList<SupervisedProcess> processes, DateTime nowUtc)
    {
        bool changed = false;
        foreach (var process in processes)
        {
            if (process.CheckExited(nowUtc))
            {
                say(string.Create(CultureInfo.InvariantCulture,
                    $"{process.Name} (pid {process.Pid}) {process.LastExit}; starting it again in {(process.RestartDueUtc!.Value - nowUtc).TotalSeconds:0.#} s"));
                changed = true;
            }
            else if (process.RestartDueUtc is { } due && nowUtc >= due)
            {
                try
                {
                    var (pid, child) = stack.Launch(process.Name);
                    process.Restarted(pid, child, nowUtc);
                    say(string.Create(CultureInfo.InvariantCulture, $"{process.Name} started again as pid {pid} (restart {process.Restarts})"));
                }
                catch (InvalidOperationException e)
                {
                    say($"{process.Name} could not be started again: {e.Message}");
                }

                changed = true;
            }
        }

        return changed;
    }

    private void Write(IReadOnlyList<SupervisedProcess> processes) =>
        new LocalStackState(options.Home, [.. processes.Select(p => p.ToRecord())], Environment.ProcessId).Write();
}
