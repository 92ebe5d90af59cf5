using System.Diagnostics;
using System.Globalization;
using Releat.Agents.Config;
using Releat.Features.Engine;
using Releat.Features.Registry;
using Releat.Live;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.Signal.Core.Policy;
using Releat.Trader.Core.Journal;
using Releat.Training.Runs;

namespace Releat.Cli.Demo;

/// <summary>
/// The demo's last stage: the test period's ticks, which training never saw, replayed through the live path in this
/// process (signal, in-memory bus, trader with its risk and operating rules, simulated broker), after a warm-up of the
/// features on the ticks just before it.
/// </summary>
internal static class LiveReplayStage
{
    public static async Task<DemoStage> RunAsync(string home, AgentConfig config, FeatureRegistry registry, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var paths = new AgentPaths(home, config.Id);
        if (CheckpointCatalog.Deployable(paths, AgentPaths.DefaultRun) is not { } checkpoint)
        {
            // The live path trades only a checkpoint that beat flat on validation; without one it stays flat.
            return new DemoStage("live replay", false, $"stays flat: {CheckpointCatalog.WhyNotDeployable(paths, AgentPaths.DefaultRun)}", clock.Elapsed);
        }

        string checkpointId = $"{AgentPaths.DefaultRun}/{Path.GetFileName(checkpoint)}";
        var policy = AgentPolicy.Load(checkpoint, checkpointId, home, config, registry);
        var plan = FeaturePlan.Compile(policy.Config, registry);

        TimeRange test = policy.Config.RawData.Split.Test;
        long tradeFrom = test.StartMs;
        long warmFrom = tradeFrom - plan.LookbackMs - (long)TimeSpan.FromHours(1).TotalMilliseconds;
        Tick[] ticks = new TickStore(home).ReadAll(policy.Config.TradedSymbol, warmFrom, test.EndMs);

        string folder = Path.Combine(home, "live-replay");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        await using var live = new EmbeddedLivePath(new EmbeddedLiveOptions { Policy = policy, Folder = folder, TradeFromMs = tradeFrom }, registry);
        live.Start();
        await live.ReplayAsync(ticks, cancellation).ConfigureAwait(false);

        var journal = TradeJournalReader.Read(live.JournalPath).Entries;
        int fills = journal.Count(e => e.Kind == JournalKinds.Result && e.State == "filled");
        int acted = journal.Count(e => e.Kind == JournalKinds.Done && e.Outcome == "acted");
        var account = live.Account;
        var status = live.Trader.Status;
        string outcome = string.Create(CultureInfo.InvariantCulture,
            $"{ticks.Length:N0} unseen ticks, {live.Signaller.SignalsPublished:N0} signals, {acted:N0} acted on, {fills:N0} fills; " +
            $"paper equity {account.Equity:N2} ({account.Equity - 10_000:+0.00;-0.00} USD, {status.Agents[0].PositionVolume:+0.00;-0.00;0} lots open); " +
            $"tick to order {live.Latencies}; journal {live.JournalPath}");
        return new DemoStage("live replay", true, outcome, clock.Elapsed);
    }
}
