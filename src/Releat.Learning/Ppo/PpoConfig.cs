using System.Text.Json.Serialization;
using Releat.Learning.Optimisation;

namespace Releat.Learning.Ppo;

/// <summary>
/// PPO hyperparameters under CleanRL's ppo.py names (serialised in snake_case: gae_lambda, clip_coef, ...).
/// The defaults are CleanRL's CartPole settings, except <see cref="ClipVloss"/>, which follows the reference
/// script releat benchmarks against (it does not clip the value loss; CleanRL's default is true).
/// </summary>
public sealed record PpoConfig
{
    public ulong Seed { get; init; } = 1;

    public long TotalTimesteps { get; init; } = 500_000;

    public double LearningRate { get; init; } = 2.5e-4;

    public int NumEnvs { get; init; } = 4;

    public int NumSteps { get; init; } = 128;

    /// <summary>CleanRL's anneal_lr generalised: Linear is anneal_lr = True, Constant is False.</summary>
    public LearningRateSchedule LrSchedule { get; init; } = LearningRateSchedule.Linear;

    public double Gamma { get; init; } = 0.99;

    public double GaeLambda { get; init; } = 0.95;

    public int NumMinibatches { get; init; } = 4;

    public int UpdateEpochs { get; init; } = 4;

    public bool NormAdv { get; init; } = true;

    public double ClipCoef { get; init; } = 0.2;

    public bool ClipVloss { get; init; }

    public double EntCoef { get; init; } = 0.01;

    public double VfCoef { get; init; } = 0.5;

    public double MaxGradNorm { get; init; } = 0.5;

    /// <summary>Stop the epochs of an update once the last minibatch's approx_kl exceeds this (null: never).</summary>
    public double? TargetKl { get; init; }

    /// <summary>Scale rewards by the running std of the discounted return (Gymnasium's NormalizeReward).</summary>
    public bool NormReward { get; init; }

    public double AdamEps { get; init; } = 1e-5;

    /// <summary>AdamW's decoupled weight decay; 0 is plain Adam as CleanRL uses.</summary>
    public double WeightDecay { get; init; }

    /// <summary>
    /// Threads computing one minibatch's gradient (1 or 2): each takes half the rows with its own gradient buffer and
    /// the halves are summed in a fixed order, so a seed still gives one result. Two measured 1.7× faster on two
    /// free cores (and no faster when other work already fills them), so two is the default.
    /// </summary>
    public int GradientWorkers { get; init; } = 2;

    [JsonIgnore]
    public int BatchSize => NumEnvs * NumSteps;

    [JsonIgnore]
    public int MinibatchSize => BatchSize / NumMinibatches;

    [JsonIgnore]
    public int NumIterations => (int)(TotalTimesteps / BatchSize);

    [JsonIgnore]
    public PpoLossCoefficients LossCoefficients => new(ClipCoef, ClipVloss, EntCoef, VfCoef);

    /// <summary>Throws naming the first setting that cannot work.</summary>
    public void Validate()
    {
        Require(NumEnvs > 0, nameof(NumEnvs), "must be positive");
        Require(NumSteps > 0, nameof(NumSteps), "must be positive");
        Require(NumMinibatches > 0 && BatchSize % NumMinibatches == 0, nameof(NumMinibatches), $"must divide the batch of {BatchSize}");
        Require(MinibatchSize >= 2, nameof(NumMinibatches), "leaves minibatches of fewer than 2 rows (advantage normalisation needs 2)");
        Require(UpdateEpochs > 0, nameof(UpdateEpochs), "must be positive");
        Require(NumIterations > 0, nameof(TotalTimesteps), $"is below one batch of {BatchSize}");
        Require(Gamma is >= 0 and <= 1, nameof(Gamma), "must be in [0, 1]");
        Require(GaeLambda is >= 0 and <= 1, nameof(GaeLambda), "must be in [0, 1]");
        Require(ClipCoef > 0, nameof(ClipCoef), "must be positive");
        Require(MaxGradNorm > 0, nameof(MaxGradNorm), "must be positive");
        Require(LearningRate > 0, nameof(LearningRate), "must be positive");
        Require(GradientWorkers is 1 or 2, nameof(GradientWorkers), "must be 1 or 2");
    }

    private static void Require(bool condition, string setting, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"PpoConfig.{setting} {problem}.", setting);
        }
    }
}
