using Releat.Agents.Config;
using Releat.Learning.Checkpoints;
using Releat.Learning.Models;
using Releat.Trading;
using Releat.Training.Evaluation;
using Releat.Training.Runs;

namespace Releat.Signal.Tests;

/// <summary>
/// Checkpoint folders as a training run leaves them (network spec and weights, effective config, dataset metadata,
/// run_state.json last), with seeded untrained weights, written by the same public pieces the run uses. Unless told
/// otherwise the run state carries a verdict that lets the checkpoint trade, as training gives every best it writes.
/// </summary>
internal static class CheckpointFolder
{
    public static readonly DeploymentVerdict Passed = new(true, 2.5, 40, 12, 85.5, "validation t 2.50 over 40 hourly P&L (+85.5 pips, 12 trades) >= 2.00");

    public static readonly DeploymentVerdict Refused = new(false, 0.4, 40, 30, 9.1, "validation t 0.40 over 40 hourly P&L (+9.1 pips, 30 trades) < 2.00: no edge over flat shown");

    public static string Write(
        SmallMarket market, string directory, ulong seed, long steps, bool complete = true, string agentId = SmallMarket.AgentId, DeploymentVerdict? deployment = null)
    {
        Directory.CreateDirectory(directory);
        TradingAgentNetwork<float> network = market.Network(seed);
        AgentModel.SaveSpec(network.Spec, directory);
        ParameterFile.Save(network.Parameters, Path.Combine(directory, PpoCheckpoint.ModelFile));
        File.Copy(SmallMarket.ConfigPath, Path.Combine(directory, TrainingRun.EffectiveConfigFile), overwrite: true);
        CheckpointDataset.Save(market.Dataset.Metadata, directory);
        if (complete)
        {
            WriteRunState(market, directory, steps, agentId, deployment ?? Passed);
        }

        return directory;
    }

    public static void WriteRunState(SmallMarket market, string directory, long steps, string agentId = SmallMarket.AgentId, DeploymentVerdict? deployment = null) =>
        new RunState
        {
            AgentId = agentId,
            Steps = steps,
            Deployment = deployment,
            DatasetRows = market.Dataset.Count,
            DatasetFirstMs = market.Dataset.TimeMs(0),
            DatasetLastMs = market.Dataset.TimeMs(market.Dataset.Count - 1),
            SavedUtc = DateTime.UtcNow,
        }.Write(directory);

    public static string Step(AgentPaths paths, long steps) => Path.Combine(paths.Checkpoints(AgentPaths.DefaultRun), CheckpointCatalog.StepDirectoryName(steps));

    public static string Best(AgentPaths paths) => Path.Combine(paths.Checkpoints(AgentPaths.DefaultRun), CheckpointCatalog.BestName);

    public static AgentConfig Agent => SmallMarket.LoadConfig();
}
