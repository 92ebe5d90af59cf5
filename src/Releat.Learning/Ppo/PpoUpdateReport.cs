namespace Releat.Learning.Ppo;

/// <summary>
/// What one PPO iteration logs (CleanRL's scalars): losses and approx_kl of the last minibatch, clipfrac over all
/// minibatches, explained variance of the value function over the batch, steps per second (and where the time went), and the
/// episodes that finished during the rollout.
/// </summary>
public readonly record struct PpoUpdateReport(
    int Iteration,
    long GlobalStep,
    double LearningRate,
    double PolicyLoss,
    double ValueLoss,
    double Entropy,
    double OldApproxKl,
    double ApproxKl,
    double ClipFraction,
    double ExplainedVariance,
    double StepsPerSecond,
    double RolloutSeconds,
    double LearnSeconds,
    int EpochsRun,
    int EpisodesFinished,
    double MeanEpisodicReturn);
