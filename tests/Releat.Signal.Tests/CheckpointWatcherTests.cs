using System.Diagnostics;
using Releat.Features.Store;
using Releat.MarketData.Model;
using Releat.Signal.Core.Checkpoints;
using Releat.Signal.Core.Live;
using Releat.Signal.Core.Policy;
using Releat.Signal.Core.Telemetry;
using Releat.SignalBus.InMemory;
using Releat.Testing;
using Releat.Training.Runs;
using V1 = Releat.Contracts.V1;

namespace Releat.Signal.Tests;

/// <summary>
/// Checkpoints appearing in the run folder while the signaller decides: used, ignored or refused. The swap mechanics
/// are watched with the operator's override (best, else latest), so numbered checkpoints count; the deploy gate itself
/// is <see cref="DeployGateTests"/>.
/// </summary>
[Collection(SmallMarketGroup.Name)]
public sealed class CheckpointWatcherTests(SmallMarket market) : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "releat-signal-watcher", Guid.NewGuid().ToString("N"));

    private AgentPaths Paths => new(_home, SmallMarket.AgentId);

    [Fact]
    public async Task A_new_checkpoint_written_mid_stream_decides_from_the_next_decision()
    {
        CheckpointFolder.Write(market, CheckpointFolder.Step(Paths, 64), seed: 1, steps: 64);
        var logger = new RecordingLogger();
        var watcher = new CheckpointWatcher(Paths, AgentPaths.DefaultRun, CheckpointFolder.Agent, logger: logger, allowUndeployable: true);
        AgentPolicy first = Assert.IsType<AgentPolicy>(watcher.TryLoadChanged(market.Plan));
        Assert.Equal("main/step-000000000064", first.CheckpointId);
        var signals = new List<V1.Signal>();
        var signaller = new LiveAgentSignaller(market.Plan, first, new InMemorySignalBus(), new SignallerOptions { Published = signals.Add, Logger = logger });
        using var stop = new CancellationTokenSource();
        Task watching = watcher.WatchAsync(signaller, TimeSpan.FromMilliseconds(20), stop.Token);

        int half = market.Ticks.Length / 2;
        await FeedAsync(signaller, 0, half);
        CheckpointFolder.Write(market, CheckpointFolder.Best(Paths), seed: 2, steps: 128);
        await Eventually.WaitUntilAsync(() => signaller.Policy.CheckpointId == "main/best", "the watcher swapping in main/best");

        int before = signals.Count;
        await FeedAsync(signaller, half, market.Ticks.Length);
        await stop.CancelAsync();
        await watching.WithTimeout();

        Assert.All(signals.Take(before), s => Assert.Equal("main/step-000000000064", s.CheckpointId));
        Assert.All(signals.Skip(before), s => Assert.Equal("main/best", s.CheckpointId));
        Assert.True(signals.Count - before > 1000);
        Assert.Contains(logger.Entries, e => e.Message.Contains("swapped from main/step-000000000064 to main/best", StringComparison.Ordinal));
    }

    [Fact]
    public void A_half_written_checkpoint_is_ignored_and_a_corrupt_one_keeps_the_old_policy()
    {
        CheckpointFolder.Write(market, CheckpointFolder.Step(Paths, 64), seed: 1, steps: 64);
        var logger = new RecordingLogger();
        using var metrics = new SignalMetrics();
        var watcher = new CheckpointWatcher(Paths, AgentPaths.DefaultRun, CheckpointFolder.Agent, logger: logger, metrics: metrics, allowUndeployable: true);
        Assert.NotNull(watcher.TryLoadChanged(market.Plan));

        // Still being written: no run_state.json yet.
        CheckpointFolder.Write(market, CheckpointFolder.Step(Paths, 128), seed: 2, steps: 128, complete: false);
        Assert.Null(watcher.TryLoadChanged(market.Plan));
        Assert.EndsWith("step-000000000064", watcher.Locate(), StringComparison.Ordinal);
        Assert.Empty(logger.Entries);

        // Complete but its weights are garbage: refused once, loudly; not tried again until it changes.
        string corrupt = CheckpointFolder.Write(market, CheckpointFolder.Step(Paths, 192), seed: 3, steps: 192);
        File.WriteAllBytes(Path.Combine(corrupt, Learning.Checkpoints.PpoCheckpoint.ModelFile), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        Assert.Null(watcher.TryLoadChanged(market.Plan));
        Assert.Null(watcher.TryLoadChanged(market.Plan));
        var refused = Assert.Single(logger.Entries);
        Assert.Contains("main/step-000000000192 of s00001 refused", refused.Message, StringComparison.Ordinal);
        Assert.Contains("model.safetensors", refused.Message, StringComparison.Ordinal);

        // Another agent's checkpoint in this agent's folder is refused too; a good best is taken.
        CheckpointFolder.Write(market, CheckpointFolder.Step(Paths, 256), seed: 4, steps: 256, agentId: "someone-else");
        Assert.Null(watcher.TryLoadChanged(market.Plan));
        Assert.Contains("someone-else", logger.Entries[^1].Message, StringComparison.Ordinal);
        CheckpointFolder.Write(market, CheckpointFolder.Best(Paths), seed: 5, steps: 320);
        Assert.Equal("main/best", watcher.TryLoadChanged(market.Plan)?.CheckpointId);
    }

    [Fact]
    public async Task Without_a_checkpoint_the_agent_waits_says_once_how_to_train_it_and_starts_when_one_appears()
    {
        var logger = new RecordingLogger();
        var watcher = new CheckpointWatcher(Paths, AgentPaths.DefaultRun, CheckpointFolder.Agent, logger: logger, allowUndeployable: true);
        Task<AgentPolicy> waiting = watcher.WaitForFirstAsync(TimeSpan.FromMilliseconds(10), CancellationToken.None);
        await Eventually.WaitUntilAsync(() => logger.Entries.Count > 0, "the watcher saying how to train the agent");

        // Let it poll a while longer: it must neither start nor say it again (a slow machine polls less, which can
        // only hide a repeat, never fail a watcher that says it once).
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);
        var told = Assert.Single(logger.Entries);
        Assert.Equal($"no checkpoint for s00001 under {Paths.Checkpoints("main")}; train it: releat train s00001", told.Message);

        CheckpointFolder.Write(market, CheckpointFolder.Step(Paths, 64), seed: 1, steps: 64);
        AgentPolicy policy = await waiting.WithTimeout();
        Assert.Equal("main/step-000000000064", policy.CheckpointId);
        Assert.Single(logger.Entries);
    }

    [Fact]
    public void An_older_checkpoint_without_its_dataset_metadata_reads_the_feature_stores_while_it_is_the_same_dataset()
    {
        string checkpoint = Path.Combine(_home, "old");
        CheckpointFolder.Write(market, checkpoint, seed: 1, steps: 64);
        File.Delete(Path.Combine(checkpoint, CheckpointDataset.FileName));

        DatasetMetadata metadata = CheckpointDataset.Load(checkpoint, market.Folder);
        Assert.Equal(market.Dataset.Metadata.Transforms, metadata.Transforms);

        new RunState { AgentId = SmallMarket.AgentId, DatasetRows = market.Dataset.Count - 1 }.Write(checkpoint);
        var rebuilt = Assert.Throws<InvalidDataException>(() => CheckpointDataset.Load(checkpoint, market.Folder));
        Assert.Contains("rebuilt since it was trained", rebuilt.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<InvalidDataException>(() => CheckpointDataset.Load(checkpoint, _home));
        Assert.Contains("holds no dataset", missing.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private async Task FeedAsync(LiveAgentSignaller signaller, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            Tick tick = market.Ticks[i];
            await signaller.OnTickAsync(tick, Stopwatch.GetTimestamp());
        }
    }
}
