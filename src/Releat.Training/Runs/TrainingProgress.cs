using Releat.Features.Building;
using Releat.Learning.Ppo;

namespace Releat.Training.Runs;

/// <summary>
/// Where a run is: its stage, environment steps done of the total, throughput this session, the mean return of the
/// last 20 episodes, the estimated time left, the newest checkpoint, and the last update's statistics (or the
/// dataset build's progress while building).
/// </summary>
public readonly record struct TrainingProgress(
    TrainingStage Stage,
    long Steps,
    long TotalSteps,
    double StepsPerSecond,
    double MeanEpisodeReward,
    TimeSpan? TimeLeft,
    string? LatestCheckpoint,
    PpoUpdateReport? Update = null,
    BuildProgress? Build = null);
