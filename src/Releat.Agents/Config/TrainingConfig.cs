namespace Releat.Agents;

/// <summary>
/// PPO hyperparameters with the names CleanRL and the literature use. A rollout is <see cref="NumEnvs"/> ×
/// <see cref="NumSteps"/> transitions, split into <see cref="NumMinibatches"/> minibatches for
/// <see cref="UpdateEpochs"/> epochs.
/// </summary>
public sealed record TrainingConfig(
    long TotalTimesteps,
    double LearningRate,
    bool AnnealLr,
    int NumEnvs,
    int NumSteps,
    double Gamma,
    double GaeLambda,
    int NumMinibatches,
    int UpdateEpochs,
    bool NormAdv,
    double ClipCoef,
    bool ClipVloss,
    double EntCoef,
    double VfCoef,
    double MaxGradNorm,
    double? TargetKl,
    int Seed)
{
    public int BatchSize => NumEnvs * NumSteps;

    public int MinibatchSize => BatchSize / NumMinibatches;

    public long NumIterations => TotalTimesteps / BatchSize;
}
