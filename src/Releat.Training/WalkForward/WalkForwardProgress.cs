namespace Releat.Training.WalkForward;

/// <summary>Where a walk-forward is: folds × seeds finished of the total (those resumed from disk count), and what just finished.</summary>
public readonly record struct WalkForwardProgress(int Done, int Total, string Latest);
