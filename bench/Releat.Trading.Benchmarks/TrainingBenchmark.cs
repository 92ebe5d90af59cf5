using System.Diagnostics;
using Releat.Agents.Config;
using Releat.Features.Store;
using Releat.Learning.Environments;
using Releat.Learning.Models;
using Releat.Learning.Ppo;

namespace Releat.Trading.Benchmarks;

/// <summary>
/// PPO training throughput for t00001's network and hyperparameters (8 envs × 256 steps, 4 minibatches, 4 epochs) on
/// its environment: whole iterations (rollout with the network, advantages, minibatch updates), after warm-up.
/// </summary>
internal static class TrainingBenchmark
{
    public static void Run(AgentConfig config, IDataset dataset, int iterations, int gradientWorkers)
    {
        var tape = new DecisionTape(dataset, PositionRules.For(config));
        PpoConfig ppo = config.Training with { GradientWorkers = gradientWorkers, TotalTimesteps = 1L << 32 };
        var curriculum = new Curriculum(config.Environment.Curriculum, config.Environment.EpisodeLength);
        using var envs = new VectorEnv([.. Enumerable.Range(0, ppo.NumEnvs).Select(_ =>
            (IEnvironment)new TradingEnvironment(tape, config.Environment.Reward, tape.RowsIn(config.RawData.Split.Train), curriculum))]);
        TradingAgentSpec spec = AgentModel.SpecFor(config, dataset.Metadata);
        var network = new TradingAgentNetwork<float>(spec, Math.Max(ppo.MinibatchSize, ppo.NumEnvs), ppo.Seed);
        using var trainer = new PpoTrainer(ppo, envs, network);
        for (int i = 0; i < 3; i++)
        {
            trainer.RunIteration();
        }

        double rollout = 0, learn = 0;
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < iterations; i++)
        {
            PpoUpdateReport report = trainer.RunIteration();
            rollout += report.RolloutSeconds;
            learn += report.LearnSeconds;
        }

        double seconds = clock.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        long steps = (long)iterations * ppo.BatchSize;
        Console.WriteLine(
            $"training     t00001 network ({network.Parameters.Count:N0} parameters), {gradientWorkers} gradient worker(s): {steps / seconds:N0} steps/s " +
            $"({steps / cpuSeconds:N0} per CPU-second; rollout {rollout / seconds:P0}, learning {learn / seconds:P0}), " +
            $"{(double)(GC.GetAllocatedBytesForCurrentThread() - allocated) / steps:F1} bytes allocated a step");
    }
}
