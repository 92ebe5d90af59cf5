using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Releat.Agents;
using Releat.Cli.Commands;
using Releat.Features;
using Releat.MarketData;
using Releat.Training;
using Releat.Training.Evaluation;

namespace Releat.Cli.Demo;

/// <summary>
/// The whole path in one process on embedded defaults: synthetic ticks with a planted pattern, the demo agent's
/// features, training, an out-of-sample backtest, then unseen ticks replayed through signal and trader against the
/// simulated broker. Each stage says what it produced; stages whose parts are not built yet say so.
/// </summary>
internal sealed class DemoPipeline(string home, ulong seed, Action<string> say)
{
    private static readonly DateOnly TicksFrom = new(2024, 1, 7);
    private static readonly DateOnly TicksTo = new(2024, 1, 27);

    /// <summary>Enough PPO steps to show learning on the planted pattern while the whole demo stays well under 5 minutes.</summary>
    private const long TrainingSteps = 200_000;

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
        var registry = _registry;
        var config = new AgentConfigLoader(registry).Parse(EmbeddedAgent(), "demo-agent.yaml (embedded)");

        stages.Add(Stage("synthetic ticks", () =>
        {
            var count = GenerateTicksCommand.Generate(
                home, SymbolCatalog.Defaults[config.TradedSymbol], UtcTime.FromDate(TicksFrom), UtcTime.FromDate(TicksTo), seed,
                momentum: 0.05, progress: null, cancellation);
            return string.Create(CultureInfo.InvariantCulture, $"{count:N0} EURUSD ticks, {TicksFrom:yyyy-MM-dd} to {TicksTo:yyyy-MM-dd}, planted momentum 0.05");
        }));

        var clock = Stopwatch.StartNew();
        var built = await new TrainDataBuilder(registry, new FileFeatureStore(home))
            .BuildFromStoreAsync(config, home, progress: null, cancellation).ConfigureAwait(false);
        stages.Add(Report(new DemoStage("features", true,
            string.Create(CultureInfo.InvariantCulture, $"{built.Metadata.Rows:N0} decisions x {built.Metadata.Width} features in {built.Location}"), clock.Elapsed)));

        // The trainer and backtest read the agent's config from a file, as a user's run would.
        var configPath = Path.Combine(home, "agents", config.Id, "agent.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(configPath)!);
        await File.WriteAllTextAsync(configPath, EmbeddedAgent(), cancellation).ConfigureAwait(false);

        clock.Restart();
        var training = await new TrainingRun(new TrainingRunOptions
        {
            AgentId = config.Id,
            ConfigPath = configPath,
            Home = home,
            TotalTimesteps = TrainingSteps,
            Seed = seed,
        }, registry).RunAsync(progress: null, cancellation).ConfigureAwait(false);
        stages.Add(Report(new DemoStage("training", true, string.Create(CultureInfo.InvariantCulture,
            $"PPO, {training.Steps:N0} steps at {training.Steps / Math.Max(training.Elapsed.TotalSeconds, 1e-9):N0} steps/s, checkpoint {training.BestCheckpoint ?? training.FinalCheckpoint}"), clock.Elapsed)));

        return (stages, config, configPath);
    }

    private DemoStage Stage(string name, Func<string> run)
    {
        var clock = Stopwatch.StartNew();
        var outcome = run();
        return Report(new DemoStage(name, true, outcome, clock.Elapsed));
    }

    private DemoStage Report(DemoStage stage)
    {
        say(stage.Done
            ? string.Create(CultureInfo.InvariantCulture, $"[{stage.Elapsed.TotalSeconds,5:0.0} s] {stage.Name}: {stage.Outcome}")
            : $"[  -    ] {stage.Name}: {stage.Outcome}");
        return stage;
    }

    private static string EmbeddedAgent()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Releat.Cli.Demo.demo-agent.yaml")
            ?? throw new InvalidOperationException("the demo agent is not embedded in the CLI");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
