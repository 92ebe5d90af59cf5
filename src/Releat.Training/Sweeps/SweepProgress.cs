using Releat.Training.Runs;

namespace Releat.Training.Sweeps;

/// <summary>Progress of one trial of a sweep.</summary>
public readonly record struct SweepProgress(int Trial, TrainingProgress Training);
