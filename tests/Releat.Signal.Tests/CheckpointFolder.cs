using Releat.Agents;
using Releat.Learning.Checkpoints;
using Releat.Learning.Models;
using Releat.Trading;
using Releat.Training;

namespace Releat.Signal.Tests;

/// <summary>
/// Checkpoint folders as a training run leaves them (network spec and weights, effective config, dataset metadata,
/// run_state.json last), with seeded untrained weights, written by the same public pieces the run uses.
/// </summary>
internal static class CheckpointFolder
{
    public static string Write(SmallMarket market, string directory, ulong seed, long steps, bool complete = true, string agentId = SmallMarket.AgentId)
    {
        Directory.CreateDirectory(directory);
        TradingAgentNetwork<float> network = market.Network(seed);
        AgentModel.SaveSpec(network.Spec, directory);
        ParameterFile.Save(network.Parameters, Path.Combine(directory, PpoCheckpoint.ModelFile));
        File.Copy(SmallMarket.ConfigPath, Path.Combine(directory, TrainingRun.EffectiveConfigFile), overwrite: true);
        CheckpointDataset.Save(market.Dataset.Metadata, directory);
        if (complete)
        {
            WriteRunState(market, directory, steps, agentId);
        }

        return directory;
    }

    public static void WriteRunState(SmallMarket market, string directory, long steps, string agentId = SmallMarket.AgentId) =>
        new RunState
        {
            AgentId = agentId,
            Steps = steps,
            DatasetRows = market.Dataset.Count,
            DatasetFirstMs = market.Dataset.TimeMs(0),
            DatasetLastMs = market.Dataset.TimeMs(market.Dataset.Count - 1),
            SavedUtc = DateTime.UtcNow,
        }.Write(directory);

    public static string Step(AgentPaths paths, long steps) => Path.Combine(paths.Checkpoints(AgentPaths.DefaultRun), CheckpointCatalog.StepDirectoryName(steps));

    public static string Best(AgentPaths paths) => Path.Combine(paths.Checkpoints(AgentPaths.DefaultRun), CheckpointCatalog.BestName);

    public static AgentConfig Agent => SmallMarket.LoadConfig();
}
