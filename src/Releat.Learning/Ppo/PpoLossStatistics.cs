namespace Releat.Learning.Ppo;

/// <summary>The figures of one PPO minibatch loss, named as CleanRL logs them.</summary>
public readonly record struct PpoLossStatistics(
    double Loss, double PolicyLoss, double ValueLoss, double Entropy, double OldApproxKl, double ApproxKl, double ClipFraction);
