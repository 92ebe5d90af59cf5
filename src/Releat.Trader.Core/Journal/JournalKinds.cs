namespace Releat.Trader.Core.Journal;

/// <summary>The values of <see cref="JournalEntry.Kind"/>.</summary>
public static class JournalKinds
{
    public const string Intent = "intent";
    public const string Result = "result";
    public const string Done = "done";
    public const string Reconcile = "reconcile";
    public const string Day = "day";
    public const string Pause = "pause";
    public const string Resume = "resume";
    public const string Kill = "kill";
    public const string KillReleased = "kill_released";
    public const string AgentPaused = "agent_paused";
}
