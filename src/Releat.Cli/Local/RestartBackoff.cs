namespace Releat.Cli.Local;

/// <summary>
/// How long a supervised process that exited waits before it is started again, as compose's restart policy does:
/// 1 s after the first exit, doubling with each exit that follows quickly, at most 30 s; a process that ran for
/// <see cref="Settled"/> before exiting starts over at 1 s.
/// </summary>
internal static class RestartBackoff
{
    public static readonly TimeSpan Settled = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    /// <summary>The wait after an exit that follows <paramref name="quickExits"/> quick exits in a row (0 for the first).</summary>
    public static TimeSpan After(int quickExits) =>
        quickExits >= 5 ? Longest : TimeSpan.FromTicks(Math.Min(Longest.Ticks, First.Ticks << quickExits));
}
