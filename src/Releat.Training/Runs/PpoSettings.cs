using Releat.Agents;
using Releat.Learning.Optimisation;
using Releat.Learning.Ppo;

namespace Releat.Training;

/// <summary>The agent config's training section as the PPO trainer's settings (the same CleanRL names on both sides).</summary>
public static class PpoSettings
{
    public static PpoConfig From(TrainingConfig training, long? totalTimesteps = null, ulong? seed = null, int gradientWorkers = 1)
    {
        ArgumentNullException.ThrowIfNull(training);
        return new PpoConfig
        {
            Seed = seed ?? (ulong)training.Seed,
            TotalTimesteps = totalTimesteps ?? training.TotalTimesteps,
            LearningRate = training.LearningRate,
            LrSchedule = training.AnnealLr ? LearningRateSchedule.Linear : LearningRateSchedule.Constant,
            NumEnvs = training.NumEnvs,
            NumSteps = training.NumSteps,
            Gamma = training.Gamma,
            GaeLambda = training.GaeLambda,
            NumMinibatches = training.NumMinibatches,
            UpdateEpochs = training.UpdateEpochs,
            NormAdv = training.NormAdv,
            ClipCoef = training.ClipCoef,
            ClipVloss = training.ClipVloss,
            EntCoef = training.EntCoef,
            VfCoef = training.VfCoef,
            MaxGradNorm = training.MaxGradNorm,
            TargetKl = training.TargetKl,
            GradientWorkers = gradientWorkers,
        };
    }
}
