using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Features.Building;
using Releat.Features.Registry;
using Releat.Features.Store;
using Releat.MarketData.Model;
using Releat.MarketData.Synthetic;
using Releat.MarketData.Time;
using Releat.Training.Runs;

namespace Releat.Live;

/// <summary>
/// The demo agent (agents/demo/agent.yaml, embedded here) made ready to trade from nothing: three weeks of seeded
/// synthetic EURUSD with a planted momentum pattern, its features, and a short PPO run. `releat demo`,
/// `releat start` and the live-path benchmark all start from this.
/// </summary>
public static class DemoAgent
{
    public const string Id = "demo";

    /// <summary>Enough PPO steps to show learning on the planted pattern while the whole demo stays well under 5 minutes.</summary>
    public const long TrainingSteps = 200_000;

    public const double Momentum = 0.05;

    public static readonly DateOnly TicksFrom = new(2024, 1, 7);

    public static readonly DateOnly TicksTo = new(2024, 1, 27);

    /// <summary>The YAML of agents/demo/agent.yaml as built into this assembly.</summary>
    public static string ConfigText()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Releat.Live.demo-agent.yaml")
            ?? throw new InvalidOperationException("the demo agent's config is not embedded in Releat.Live");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Ticks, features and training under <paramref name="home"/>; each step reports its name, what it produced and
    /// how long it took. Returns the config and
    /// the config file written to home/agents/demo/agent.yaml (the trainer and backtests read it from there).
    /// </summary>
    public static async Task<(AgentConfig Config, string ConfigPath, TrainingResult Training)> PrepareAsync(
        string home, ulong seed, FeatureRegistry registry, Action<string, string, TimeSpan> report, long trainingSteps = TrainingSteps, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(report);
        var config = new AgentConfigLoader(registry).Parse(ConfigText(), "agents/demo/agent.yaml (embedded)");

        var clock = Stopwatch.StartNew();
        long count = SyntheticTickWriter.WriteToStore(
            home, SymbolCatalog.Defaults[config.TradedSymbol], UtcTime.FromDate(TicksFrom), UtcTime.FromDate(TicksTo), seed, Momentum, null, cancellation);
        report("synthetic ticks", string.Create(CultureInfo.InvariantCulture, $"{count:N0} EURUSD ticks, {TicksFrom:yyyy-MM-dd} to {TicksTo:yyyy-MM-dd}, planted momentum {Momentum}"), clock.Elapsed);

        clock.Restart();
        var built = await new TrainDataBuilder(registry, new FileFeatureStore(home))
            .BuildFromStoreAsync(config, home, progress: null, cancellation).ConfigureAwait(false);
        report("features", string.Create(CultureInfo.InvariantCulture, $"{built.Metadata.Rows:N0} decisions x {built.Metadata.Width} features in {built.Location}"), clock.Elapsed);

        var configPath = Path.Combine(home, "agents", config.Id, AgentLocator.FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(configPath)!);
        await File.WriteAllTextAsync(configPath, ConfigText(), cancellation).ConfigureAwait(false);

        clock.Restart();
        var training = await new TrainingRun(new TrainingRunOptions
        {
            AgentId = config.Id,
            ConfigPath = configPath,
            Home = home,
            TotalTimesteps = trainingSteps,
            Seed = seed,
        }, registry).RunAsync(progress: null, cancellation).ConfigureAwait(false);
        report("training", string.Create(CultureInfo.InvariantCulture,
            $"PPO, {training.Steps:N0} steps at {training.Steps / Math.Max(training.Elapsed.TotalSeconds, 1e-9):N0} steps/s, checkpoint {training.BestCheckpoint ?? training.FinalCheckpoint}"), clock.Elapsed);
        return (config, configPath, training);
    }
}
