using Releat.Learning.Environments;
using Releat.Learning.Logging;
using Releat.Learning.Models;
using Releat.Learning.Ppo;

namespace Releat.Learning.Tests;

/// <summary>Builds CleanRL's CartPole PPO setup: 4 CartPoles, 2×64 tanh actor and critic.</summary>
internal sealed class CartPoleTraining : IDisposable
{
    public CartPoleTraining(PpoConfig config, IScalarLogger? logger = null, Func<IEnvironment>? environment = null)
    {
        Config = config;
        Envs = new VectorEnv([.. Enumerable.Range(0, config.NumEnvs).Select(_ => environment?.Invoke() ?? new CartPole())]);
        Agent = new MlpActorCritic<float>(4, 2, [64, 64], config.MinibatchSize, config.Seed);
        Trainer = new PpoTrainer(config, Envs, Agent, logger);
    }

    public PpoConfig Config { get; }

    public VectorEnv Envs { get; }

    public MlpActorCritic<float> Agent { get; }

    public PpoTrainer Trainer { get; }

    public void Dispose()
    {
        Trainer.Dispose();
        Envs.Dispose();
    }
}
