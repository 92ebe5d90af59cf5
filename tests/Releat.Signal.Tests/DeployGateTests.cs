using Microsoft.Extensions.Logging;
using Releat.Signal.Core.Checkpoints;
using Releat.Signal.Core.Policy;
using Releat.Signal.Core.Telemetry;
using Releat.Training.Evaluation;
using Releat.Training.Runs;

namespace Releat.Signal.Tests;

/// <summary>
/// The gate before live: the signal service trades a run's best only when its validation verdict lets it, stays flat
/// and says why otherwise, and trades anything only with the operator's explicit override.
/// </summary>
[Collection(SmallMarketGroup.Name)]
public sealed class DeployGateTests(SmallMarket market) : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "releat-signal-gate", Guid.NewGuid().ToString("N"));

    private AgentPaths Paths => new(_home, SmallMarket.AgentId);

    [Fact]
    public async Task A_run_with_no_checkpoint_that_beat_flat_stays_flat_says_why_and_trades_the_first_best_that_does()
    {
        CheckpointFolder.Write(market, CheckpointFolder.Step(Paths, 64), seed: 1, steps: 64, deployment: CheckpointFolder.Refused);
        var logger = new RecordingLogger();
        using var metrics = new SignalMetrics();
        var watcher = new CheckpointWatcher(Paths, AgentPaths.DefaultRun, CheckpointFolder.Agent, logger: logger, metrics: metrics);

        Assert.Null(watcher.Locate());
        Assert.Null(watcher.TryLoadChanged(market.Plan));
        Assert.Equal($"main/step-000000000064: {CheckpointFolder.Refused.Reason}", watcher.WhyFlat());

        // Waiting for a checkpoint it may trade, it logs why it stays flat; a best that passed is then taken.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Task<AgentPolicy> waiting = watcher.WaitForFirstAsync(TimeSpan.FromMilliseconds(20), timeout.Token);
        await WaitUntilAsync(() => logger.Entries.Any(e => e.Level == LogLevel.Warning && e.Message.Contains("stays flat", StringComparison.Ordinal)), timeout.Token);
        Assert.False(waiting.IsCompleted);
        (LogLevel _, string told) = Assert.Single(logger.Entries, e => e.Message.Contains("stays flat", StringComparison.Ordinal));
        Assert.Contains("validation t 0.40", told, StringComparison.Ordinal);
        Assert.Contains("Signal:AllowUndeployableCheckpoint", told, StringComparison.Ordinal);

        CheckpointFolder.Write(market, CheckpointFolder.Best(Paths), seed: 2, steps: 128, deployment: CheckpointFolder.Passed);
        AgentPolicy policy = await waiting.WaitAsync(timeout.Token);
        Assert.Equal("main/best", policy.CheckpointId);
        Assert.Null(watcher.WhyFlat());
    }

    [Fact]
    public void A_best_without_a_passing_verdict_or_saved_before_verdicts_existed_is_not_traded()
    {
        string best = CheckpointFolder.Write(market, CheckpointFolder.Best(Paths), seed: 2, steps: 128, deployment: CheckpointFolder.Refused);
        var watcher = new CheckpointWatcher(Paths, AgentPaths.DefaultRun, CheckpointFolder.Agent);
        Assert.Null(watcher.Locate());
        Assert.Null(CheckpointCatalog.Deployable(Paths, AgentPaths.DefaultRun));

        // A checkpoint from before the deploy rule has no verdict: it is not taken on trust.
        RunState old = RunState.Read(best) with { Deployment = null };
        old.Write(best);
        Assert.Null(watcher.Locate());
        Assert.Contains("carries no validation verdict", watcher.WhyFlat(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_override_trades_the_runs_latest_and_a_fixed_checkpoint_must_pass_the_rule_without_it()
    {
        string step = CheckpointFolder.Write(market, CheckpointFolder.Step(Paths, 64), seed: 1, steps: 64, deployment: CheckpointFolder.Refused);
        Assert.Equal(step, new CheckpointWatcher(Paths, AgentPaths.DefaultRun, CheckpointFolder.Agent, allowUndeployable: true).Locate());

        var fixedRefused = new CheckpointWatcher(Paths, AgentPaths.DefaultRun, CheckpointFolder.Agent, fixedCheckpoint: step);
        Assert.Null(fixedRefused.Locate());
        Assert.Equal($"{step}: {CheckpointFolder.Refused.Reason}", fixedRefused.WhyFlat());
        Assert.Equal(step, new CheckpointWatcher(Paths, AgentPaths.DefaultRun, CheckpointFolder.Agent, fixedCheckpoint: step, allowUndeployable: true).Locate());

        string passed = CheckpointFolder.Write(market, Path.Combine(_home, "elsewhere"), seed: 3, steps: 32, deployment: CheckpointFolder.Passed);
        Assert.Equal(passed, new CheckpointWatcher(Paths, AgentPaths.DefaultRun, CheckpointFolder.Agent, fixedCheckpoint: passed).Locate());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellation)
    {
        while (!condition())
        {
            await Task.Delay(10, cancellation);
        }
    }
}
