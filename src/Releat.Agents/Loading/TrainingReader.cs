using Releat.Learning.Optimisation;
using Releat.Learning.Ppo;

namespace Releat.Agents.Loading;

/// <summary>
/// Reads the training section into the trainer's own <see cref="PpoConfig"/> (CleanRL's names): a key the file leaves
/// out takes PpoConfig's default, so that record is the one place a default is written. Checks the sizes fit together.
/// </summary>
internal static class TrainingReader
{
    /// <summary>Transitions one rollout may hold: its arrays (observations × batch floats) are indexed by int.</summary>
    public const long MaxBatch = 1 << 24;

    private static readonly PpoConfig Defaults = new();

    public static PpoConfig Read(YamlSection root)
    {
        // Every key has a default, so the section may be left out, or written empty, altogether.
        YamlSection s = root.Section("training", required: false) ?? root.EmptySection("training");

        long totalTimesteps = s.Long("total_timesteps", Defaults.TotalTimesteps, 1);
        double learningRate = s.PositiveDouble("learning_rate", Defaults.LearningRate);
        bool annealLr = s.Bool("anneal_lr", Defaults.AnnealLr);
        int numEnvs = s.Int("num_envs", Defaults.NumEnvs, 1, 65_536);
        int numSteps = s.Int("num_steps", Defaults.NumSteps, 1, 1 << 24);
        double? writtenGamma = s.OptionalDouble("gamma", 0, 1);
        if (writtenGamma == 0)
        {
            s.Error("gamma", "must be greater than 0 (0 would ignore every future reward)");
        }
        else if (writtenGamma is null)
        {
            s.Defaulted("gamma", Defaults.Gamma);
        }

        double gamma = writtenGamma ?? Defaults.Gamma;

        double gaeLambda = s.Double("gae_lambda", Defaults.GaeLambda, 0, 1);
        int numMinibatches = s.Int("num_minibatches", Defaults.NumMinibatches, 1, 1 << 20);
        int updateEpochs = s.Int("update_epochs", Defaults.UpdateEpochs, 1, 1000);
        bool normAdv = s.Bool("norm_adv", Defaults.NormAdv);
        double clipCoef = s.PositiveDouble("clip_coef", Defaults.ClipCoef);
        bool clipVloss = s.Bool("clip_vloss", Defaults.ClipVloss);
        double entCoef = s.Double("ent_coef", Defaults.EntCoef, 0, 10);
        double vfCoef = s.Double("vf_coef", Defaults.VfCoef, 0, 100);
        double maxGradNorm = s.PositiveDouble("max_grad_norm", Defaults.MaxGradNorm);
        double? targetKl = s.OptionalDouble("target_kl", 0, 10);
        if (targetKl is null)
        {
            s.Defaulted("target_kl", Defaults.TargetKl);
        }

        bool normReward = s.Bool("norm_reward", Defaults.NormReward);
        double adamEps = s.PositiveDouble("adam_eps", Defaults.AdamEps);
        double weightDecay = s.Double("weight_decay", Defaults.WeightDecay, 0, 1);
        int gradientWorkers = s.Int("gradient_workers", Defaults.GradientWorkers, 1, 2);
        long seed = s.Long("seed", (long)Defaults.Seed, 0);
        s.RejectUnknownKeys();

        // In long: 65,536 envs × 2²⁴ steps would overflow an int and pass every check below as a negative batch.
        long batch = (long)numEnvs * numSteps;
        if (batch > MaxBatch)
        {
            s.Error("num_steps", $"num_envs × num_steps = {batch:N0} transitions per batch; at most {MaxBatch:N0} fit in the rollout buffer");
        }
        else if (batch > 0 && numMinibatches > 0 && batch % numMinibatches != 0)
        {
            s.Error("num_minibatches", $"{numMinibatches} does not divide the batch num_envs × num_steps = {batch}");
        }

        if (batch > 0 && totalTimesteps > 0 && totalTimesteps < batch)
        {
            s.Error("total_timesteps", $"{totalTimesteps} is less than one batch (num_envs × num_steps = {batch})");
        }

        return new PpoConfig
        {
            Seed = (ulong)Math.Max(0, seed),
            TotalTimesteps = totalTimesteps,
            LearningRate = learningRate,
            LrSchedule = annealLr ? LearningRateSchedule.Linear : LearningRateSchedule.Constant,
            NumEnvs = numEnvs,
            NumSteps = numSteps,
            Gamma = gamma,
            GaeLambda = gaeLambda,
            NumMinibatches = numMinibatches,
            UpdateEpochs = updateEpochs,
            NormAdv = normAdv,
            ClipCoef = clipCoef,
            ClipVloss = clipVloss,
            EntCoef = entCoef,
            VfCoef = vfCoef,
            MaxGradNorm = maxGradNorm,
            TargetKl = targetKl,
            NormReward = normReward,
            AdamEps = adamEps,
            WeightDecay = weightDecay,
            GradientWorkers = gradientWorkers,
        };
    }
}
