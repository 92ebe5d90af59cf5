namespace Releat.Training.WalkForward;

/// <summary>
/// Where a walk-forward is: folds × seeds finished of the total (those resumed from disk count), the share of all
/// training done (finished ones whole, running ones by their steps), and what just happened.
/// </summary>
public readonly record struct WalkForwardProgress(int Done, int Total, double Fraction, string Latest);
