using System.Diagnostics;
using System.Globalization;
using Releat.Agents.Config;
using Releat.Features.Registry;
using Releat.Live;
using Releat.Training.Evaluation;

namespace Releat.Cli.Demo;

/// <summary>
/// The whole path in one process on embedded defaults: synthetic ticks with a planted pattern, the demo agent's
/// features, training, an out-of-sample backtest, then unseen ticks replayed through signal and trader against the
/// simulated broker. Each stage says what it produced.
/// </summary>
internal sealed class DemoPipeline(string home, ulong seed, Action<string> say)
{
    private readonly FeatureRegistry _registry = new();

    public async Task<IReadOnlyList<DemoStage>> RunAsync(CancellationToken cancellation)
    {
        var (stages, config, configPath) = await PrepareAgentAsync(cancellation).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        var backtest = await new BacktestRun(new BacktestOptions { AgentId = config.Id, ConfigPath = configPath, Home = home, FillSeed = seed, BaselineSeed = seed }, _registry)
            .RunAsync(cancellation).ConfigureAwait(false);
        var comparison = backtest.Comparison;
        var lines = string.Join("; ", comparison.Policies.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Metrics.NetPips:+0.0;-0.0;0} pips")));
        stages.Add(Report(new DemoStage("backtest", true, $"test period, net of costs: {lines}; report {backtest.HtmlPath}", clock.Elapsed)));
        stages.Add(Report(await LiveReplayStage.RunAsync(home, config, _registry, cancellation).ConfigureAwait(false)));
        return stages;
    }

    /// <summary>
    /// Synthetic ticks, the demo agent's features and a short training run: what every later stage (and
    /// `releat start`) needs. Returns the stages so far, the agent's config and the config file the trainer used.
    /// </summary>
    public async Task<(List<DemoStage> Stages, AgentConfig Config, string ConfigPath)> PrepareAgentAsync(CancellationToken cancellation)
    {
        var stages = new List<DemoStage>();
        var (config, configPath, _) = await DemoAgent.PrepareAsync(
            home, seed, _registry, (name, outcome, elapsed) => stages.Add(Report(new DemoStage(name, true, outcome, elapsed))),
            cancellation: cancellation).ConfigureAwait(false);
        return (stages, config, configPath);
    }

    private DemoStage Report(DemoStage stage)
    {
        say(stage.Done
            ? string.Create(CultureInfo.InvariantCulture, $"[{stage.Elapsed.TotalSeconds,5:0.0} s] {stage.Name}: {stage.Outcome}")
            : $"[  -    ] {stage.Name}: {stage.Outcome}");
        return stage;
    }
}
