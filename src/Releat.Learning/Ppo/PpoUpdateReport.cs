using Releat.Learning.Logging;

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
    double MeanEpisodicReturn)
{
    /// <summary>Writes the iteration's scalars under CleanRL's tags (episodic returns are logged as episodes finish).</summary>
    public void WriteTo(IScalarLogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        logger.Log("charts/learning_rate", LearningRate, GlobalStep);
        logger.Log("losses/value_loss", ValueLoss, GlobalStep);
        logger.Log("losses/policy_loss", PolicyLoss, GlobalStep);
        logger.Log("losses/entropy", Entropy, GlobalStep);
        logger.Log("losses/old_approx_kl", OldApproxKl, GlobalStep);
        logger.Log("losses/approx_kl", ApproxKl, GlobalStep);
        logger.Log("losses/clipfrac", ClipFraction, GlobalStep);
        logger.Log("losses/explained_variance", ExplainedVariance, GlobalStep);
        logger.Log("charts/SPS", StepsPerSecond, GlobalStep);
        logger.Flush();
    }
}
