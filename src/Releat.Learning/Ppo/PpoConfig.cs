using System.Text.Json.Serialization;
using Releat.Learning.Optimisation;

namespace Releat.Learning.Ppo;

/// <summary>
/// PPO hyperparameters, defined once (as CleanRL's ppo.py <c>Args</c>) under the literature's names, serialised in
/// snake_case (gae_lambda, clip_coef, ...). These defaults are CleanRL's and are the ones that apply: an agent
/// file's <c>training:</c> section sets only what it wants to change, and the loader takes every absent key from here.
/// </summary>
public sealed record PpoConfig
{
    /// <summary>Seed of every random choice of the run (initial weights, sampling, minibatch order).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Total environment steps of the run, over all environments.</summary>
    public long TotalTimesteps { get; init; } = 500_000;

    /// <summary>Adam's learning rate (at the start when annealed).</summary>
    public double LearningRate { get; init; } = 2.5e-4;

    /// <summary>Environments stepped in parallel; a rollout is num_envs × num_steps transitions.</summary>
    public int NumEnvs { get; init; } = 4;

    /// <summary>Steps each environment runs per rollout.</summary>
    public int NumSteps { get; init; } = 128;

    /// <summary>CleanRL's anneal_lr generalised: Linear (anneal_lr true) falls to zero over the run; Constant does not.</summary>
    public LearningRateSchedule LrSchedule { get; init; } = LearningRateSchedule.Linear;

    /// <summary>CleanRL's anneal_lr: the learning rate falls linearly to zero over the run.</summary>
    [JsonIgnore]
    public bool AnnealLr => LrSchedule == LearningRateSchedule.Linear;

    /// <summary>Discount factor of future rewards.</summary>
    public double Gamma { get; init; } = 0.99;

    /// <summary>λ of generalised advantage estimation.</summary>
    public double GaeLambda { get; init; } = 0.95;

    /// <summary>Minibatches each rollout is split into.</summary>
    public int NumMinibatches { get; init; } = 4;

    /// <summary>Passes over the rollout per update.</summary>
    public int UpdateEpochs { get; init; } = 4;

    /// <summary>Normalise advantages within each minibatch.</summary>
    public bool NormAdv { get; init; } = true;

    /// <summary>Surrogate clipping coefficient ε.</summary>
    public double ClipCoef { get; init; } = 0.2;

    /// <summary>Clip the value loss as the policy loss is clipped.</summary>
    public bool ClipVloss { get; init; } = true;

    /// <summary>Weight of the entropy bonus.</summary>
    public double EntCoef { get; init; } = 0.01;

    /// <summary>Weight of the value loss.</summary>
    public double VfCoef { get; init; } = 0.5;

    /// <summary>Global gradient norm clipping.</summary>
    public double MaxGradNorm { get; init; } = 0.5;

    /// <summary>Stop the epochs of an update once the last minibatch's approx_kl exceeds this (null: never).</summary>
    public double? TargetKl { get; init; }

    /// <summary>Scale rewards by the running std of the discounted return (Gymnasium's NormalizeReward).</summary>
    public bool NormReward { get; init; }

    /// <summary>Adam's ε (CleanRL passes 1e-5).</summary>
    public double AdamEps { get; init; } = 1e-5;

    /// <summary>AdamW's decoupled weight decay; 0 is plain Adam as CleanRL uses.</summary>
    public double WeightDecay { get; init; }

    /// <summary>
    /// Threads computing one minibatch's gradient (1 or 2): each takes half the rows with its own gradient buffer and
    /// the halves are summed in a fixed order, so a seed still gives one result. Two measured 1.7× faster on two free
    /// cores and no faster when other work already fills them, so one is the default and two is asked for
    /// (`releat train --workers 2`, <c>gradient_workers: 2</c>).
    /// </summary>
    public int GradientWorkers { get; init; } = 1;

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
