namespace Releat.Agents;

/// <summary>Reads the training section (PPO hyperparameters, CleanRL's names) and checks they fit together.</summary>
internal static class TrainingReader
{
    /// <summary>Transitions one rollout may hold: its arrays (observations × batch floats) are indexed by int.</summary>
    public const long MaxBatch = 1 << 24;

    public static TrainingConfig Read(YamlSection root)
    {
        YamlSection? s = root.Section("training", required: true);
        if (s is null)
        {
            return new TrainingConfig(1, 1e-4, true, 1, 1, 0.99, 0.95, 1, 1, true, 0.2, true, 0.01, 0.5, 0.5, null, 0);
        }

        long totalTimesteps = s.Long("total_timesteps", null, 1);
        double learningRate = s.PositiveDouble("learning_rate", null);
        bool annealLr = s.Bool("anneal_lr", true);
        int numEnvs = s.Int("num_envs", null, 1, 65_536);
        int numSteps = s.Int("num_steps", null, 1, 1 << 24);
        double? gamma = s.OptionalDouble("gamma", 0, 1);
        if (gamma is null && !s.Has("gamma"))
        {
            s.Missing("gamma");
        }
        else if (gamma == 0)
        {
            s.Error("gamma", "must be greater than 0 (0 would ignore every future reward)");
        }

        double gaeLambda = s.Double("gae_lambda", null, 0, 1);
        int numMinibatches = s.Int("num_minibatches", null, 1, 1 << 20);
        int updateEpochs = s.Int("update_epochs", null, 1, 1000);
        bool normAdv = s.Bool("norm_adv", true);
        double clipCoef = s.PositiveDouble("clip_coef", null);
        bool clipVloss = s.Bool("clip_vloss", true);
        double entCoef = s.Double("ent_coef", null, 0, 10);
        double vfCoef = s.Double("vf_coef", null, 0, 100);
        double maxGradNorm = s.PositiveDouble("max_grad_norm", null);
        double? targetKl = s.OptionalDouble("target_kl", 0, 10);
        int seed = s.Int("seed", null);
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

        return new TrainingConfig(totalTimesteps, learningRate, annealLr, numEnvs, numSteps, gamma ?? 0.99, gaeLambda, numMinibatches,
            updateEpochs, normAdv, clipCoef, clipVloss, entCoef, vfCoef, maxGradNorm, targetKl, seed);
    }
}
