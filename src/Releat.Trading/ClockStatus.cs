namespace Releat.Trading;

/// <summary>
/// What the calendar allows at a decision time, whatever the position: whether a position may be opened, and
/// whether an open one must be closed now (<see cref="ExitReason.Weekend"/>, <see cref="ExitReason.SessionEnd"/>) or
/// not (<see cref="ExitReason.None"/>).
/// </summary>
public readonly record struct ClockStatus(bool MayOpen, ExitReason ForcedExit);
