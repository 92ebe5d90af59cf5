namespace Releat.Training.WalkForward;

/// <summary>One fold × seed: its training steps, chosen checkpoint, the deploy rule's verdict, and what the agent earned on test.</summary>
public sealed record RunSummary(int Fold, ulong Seed, long Steps, string Checkpoint, bool Deployable, string DeployReason, double AgentNetPips, double UngatedNetPips, int UngatedTrades);
