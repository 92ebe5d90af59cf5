using System.Diagnostics;
using Releat.Features.Engine;
using Releat.Features.Store;
using Releat.MarketData.Model;
using Releat.Signal.Core.Live;
using Releat.Signal.Core.Policy;
using Releat.SignalBus.InMemory;
using Releat.Trading;
using Releat.Trading.Benchmarks;
using V1 = Releat.Contracts.V1;

namespace Releat.Signal.Benchmarks;

/// <summary>The three costs of the live decision path, each with the managed bytes it allocates.</summary>
internal static class SignalPathBenchmark
{
    /// <summary>Ticks through the feature engine and mark window while catching up: no decision is published.</summary>
    public static void TicksWithoutDecisions(FeaturePlan plan, AgentPolicy policy, Tick[] ticks)
    {
        var signaller = new LiveAgentSignaller(plan, policy, new InMemorySignalBus());
        signaller.MarkNewestTick(long.MaxValue / 2);
        int half = ticks.Length / 2;
        for (int i = 0; i < half; i++)
        {
            FeedSynchronously(signaller, ticks[i]);
        }

        long decisions = signaller.Decisions;
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        long started = Stopwatch.GetTimestamp();
        for (int i = half; i < ticks.Length; i++)
        {
            FeedSynchronously(signaller, ticks[i]);
        }

        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        long bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        int count = ticks.Length - half;
        Console.WriteLine(
            $"ticks        t00001 features + mark window, {count:N0} ticks closing {signaller.Decisions - decisions:N0} decisions (none published): " +
            $"{seconds / count * 1e9:F0} ns a tick, {(double)bytes / count:F3} bytes allocated a tick");
    }

    /// <summary>One greedy decision: observation, mask, network, choice.</summary>
    public static void PolicyDecisions(AgentPolicy policy, IDataset dataset)
    {
        var choice = new PolicyChoice(policy.Actions.Count);
        var position = new AgentPosition(1, 1.1, dataset.TimeMs(100) - 30_000);
        int row = 100;
        (double seconds, double bytes) = Measure.Run(
            () =>
            {
                row = row + 1 < dataset.Count ? row + 1 : 100;
                policy.Decide(dataset.Observation(row), dataset.TimeMs(row), position, 0.5, choice);
            },
            20_000);
        Console.WriteLine(
            $"decide       t00001 network ({policy.Network.Parameters.Count:N0} parameters), {policy.Inputs.Size} inputs: " +
            $"{seconds * 1e6:F1} µs a decision, {bytes:F3} bytes allocated");
    }

    /// <summary>
    /// Ticks replayed in one process with every decision published to the in-memory bus, holding one unit long (three
    /// policy evaluations per decision): the signal's latency_us, from the closing tick's arrival to the bus write.
    /// </summary>
    public static async Task TickToSignalAsync(FeaturePlan plan, AgentPolicy policy, Tick[] ticks)
    {
        var bus = new InMemorySignalBus();
        var latencies = new List<long>(ticks.Length);
        var signaller = new LiveAgentSignaller(plan, policy, bus, new SignallerOptions { Published = s => latencies.Add(s.LatencyUs) });
        await bus.PostHoldingAsync(new V1.TraderHolding { AgentId = plan.Config.Id, Symbol = plan.Config.TradedSymbol, Units = 1, Lots = 0.01, OpenPrice = 1.1 });
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        foreach (Tick tick in ticks)
        {
            await signaller.OnTickAsync(tick, Stopwatch.GetTimestamp());
        }

        long bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        long[] sorted = [.. latencies.Skip(latencies.Count / 4).Order()];
        Console.WriteLine(
            $"tick→signal  {sorted.Length:N0} signals after a quarter of warm-up, in memory: p50 {Percentile(sorted, 0.50)} µs, p99 {Percentile(sorted, 0.99)} µs, " +
            $"max {sorted[^1]} µs; {(double)bytes / latencies.Count:F0} bytes allocated a signal (the Signal message and the bus's copy)");
    }

    /// <summary>A tick that publishes nothing completes at once; anything else would be a bug in what is measured.</summary>
    private static void FeedSynchronously(LiveAgentSignaller signaller, in Tick tick)
    {
        ValueTask fed = signaller.OnTickAsync(tick, Stopwatch.GetTimestamp());
        if (!fed.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("a tick published a decision while catching up");
        }
    }

    private static long Percentile(long[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
}
