using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Features.Registry;
using Releat.Features.Store;
using Releat.Learning.Models;
using Releat.Trading;
using Releat.Training.Runs;

namespace Releat.Training.Evaluation;

/// <summary>
/// Backtests a trained agent against the five <see cref="Baselines"/> on its validation or test period, with the same
/// execution rules and fills, and writes the HTML report and its JSON summary.
/// </summary>
public sealed class BacktestRun(BacktestOptions options, FeatureRegistry? registry = null)
{
    private readonly FeatureRegistry _registry = registry ?? new FeatureRegistry();

    public BacktestOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    public async Task<BacktestReportFiles> RunAsync(CancellationToken cancellation = default)
    {
        var paths = new AgentPaths(Options.Home, Options.AgentId);
        string checkpoint = Options.Checkpoint ?? CheckpointCatalog.Preferred(paths, Options.RunName)
            ?? throw new FileNotFoundException($"{paths.Run(Options.RunName)} has no checkpoint yet: train {Options.AgentId} first (releat train {Options.AgentId})");
        AgentConfig config = LoadConfig(checkpoint);
        using IDataset dataset = await AgentDataset.OpenOrBuildAsync(config, _registry, Options.Home, null, cancellation).ConfigureAwait(false);
        var tape = new DecisionTape(dataset, PositionRules.For(config));
        TimeRange range = Options.Period == BacktestPeriod.Test ? config.RawData.Split.Test : config.RawData.Split.Validation;
        TradingAgentNetwork<float> network = AgentModel.LoadNetwork(checkpoint);
        BacktestComparison comparison = Compare(
            tape, config, range, network, Options.Period.ToString().ToLowerInvariant(), Describe(paths, checkpoint), CheckpointCatalog.VerdictOf(checkpoint));

        string reports = Options.ReportDirectory ?? paths.ReportsDirectory;
        Directory.CreateDirectory(reports);
        string stem = $"{Describe(paths, checkpoint).Replace('/', '-')}-{comparison.Period}";
        string html = Path.Combine(reports, stem + ".html");
        string json = Path.Combine(reports, stem + ".json");
        HtmlReport.Write(comparison, html);
        BacktestSummary.Of(comparison).Write(json);
        RunRecord.Create("backtest", config, File.ReadAllText(config.SourceFile), Options.Home, [Options.FillSeed, Options.BaselineSeed], _registry)
            .Write(Path.Combine(reports, stem + ".run.json"));
        return new BacktestReportFiles(comparison, html, json);
    }

    /// <summary>The agent's network and the five baselines over one period of a tape.</summary>
    public BacktestComparison Compare(
        DecisionTape tape, AgentConfig config, TimeRange range, TradingAgentNetwork<float> network, string period, string checkpoint, DeploymentVerdict deployment)
    {
        ArgumentNullException.ThrowIfNull(tape);
        ArgumentNullException.ThrowIfNull(config);
        Range rows = tape.RowsIn(range);
        ITradingPolicy[] policies = [new NetworkPolicy(network), .. Baselines.For(config, Options.BaselineSeed)];
        var outcomes = policies.Select(p => PolicyOutcome.Of(Backtest.Run(tape, config.Environment.Reward, rows, p, Options.FillSeed))).ToList();
        return new BacktestComparison(config.Id, period, range, checkpoint, outcomes, deployment);
    }

    /// <summary>The config the checkpoint was trained with when it holds one, else the agent's own file.</summary>
    private AgentConfig LoadConfig(string checkpoint)
    {
        string effective = Path.Combine(checkpoint, TrainingRun.EffectiveConfigFile);
        string path = File.Exists(effective) ? effective : Options.ConfigPath ?? AgentLocator.ConfigPath(Options.AgentId);
        AgentConfig config = new AgentConfigLoader(_registry).Parse(File.ReadAllText(path), path);
        return string.Equals(config.Id, Options.AgentId, StringComparison.Ordinal)
            ? config
            : throw new InvalidDataException($"{path}: agent '{config.Id}' is not '{Options.AgentId}'");
    }

    private static string Describe(AgentPaths paths, string checkpoint) => CheckpointCatalog.IdOf(paths, checkpoint);
}
