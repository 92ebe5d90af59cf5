using System.CommandLine;
using System.Globalization;
using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Cli.Output;
using Releat.Features.Building;
using Releat.Features.Registry;
using Releat.Features.Store;

namespace Releat.Cli.Commands;

/// <summary>`releat build-train-data &lt;agent&gt;`: the agent's features over its data range, into RELEAT_HOME's dataset store.</summary>
internal static class BuildTrainDataCommand
{
    public static Command Create()
    {
        var agent = new Argument<string>("agent") { Description = "Agent id: agents/<id>/agent.yaml." };
        var command = new Command("build-train-data", "Build an agent's training dataset (features, fitted transforms, execution ranges).") { agent };
        command.SetAction((parse, cancellation) => RunAsync(parse.GetValue(agent)!, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(string agentId, CancellationToken cancellation)
    {
        AgentConfig config;
        var registry = new FeatureRegistry();
        try
        {
            config = new AgentConfigLoader(registry).Load(AgentLocator.ConfigPath(agentId));
        }
        catch (Exception e) when (e is AgentConfigException or FileNotFoundException or ArgumentException)
        {
            Console.Error.WriteLine($"releat build-train-data: {e.Message}");
            return 2;
        }

        var home = ReleatHome.Path;
        var builder = new TrainDataBuilder(registry, new FileFeatureStore(home));
        DatasetBuildResult? result = null;
        try
        {
            await ProgressDisplay.RunAsync($"{agentId}: reading ticks", toStandardError: false, async line =>
            {
                double value = 0;
                var progress = new InlineProgress<BuildProgress>(p =>
                {
                    value = p.Stage == BuildStage.ComputingFeatures && p.TicksTotal > 0
                        ? Math.Min(0.9, 0.9 * p.TicksProcessed / p.TicksTotal)
                        : p.Stage == BuildStage.Done ? 1 : Math.Max(value, 0.9);
                    line.Update($"{agentId}: {p.StageText}", value, 1);
                });
                result = await builder.BuildFromStoreAsync(config, home, progress, cancellation).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("releat build-train-data: cancelled; nothing was written");
            return 130;
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"releat build-train-data: {e.Message}");
            return 1;
        }

        var metadata = result!.Metadata;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{agentId}: {metadata.Rows} decisions x {metadata.Width} features written to {result.Location ?? result.DatasetName}"));
        return 0;
    }
}
