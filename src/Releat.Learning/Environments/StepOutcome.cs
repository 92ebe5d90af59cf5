namespace Releat.Learning.Environments;

/// <summary>
/// What one step returns besides the observation: the reward, whether the episode reached a terminal state of the
/// task (terminated) or was cut short from outside, e.g. by a time limit (truncated).
/// </summary>
public readonly record struct StepOutcome(float Reward, bool Terminated, bool Truncated);
