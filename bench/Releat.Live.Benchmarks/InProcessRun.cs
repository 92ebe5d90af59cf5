using Releat.Agents.Config;
using Releat.Features.Engine;
using Releat.Features.Registry;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.Signal.Core.Policy;

namespace Releat.Live.Benchmarks;

/// <summary>
/// The embedded live path (signal, in-memory bus, trader, simulated broker in one process) replaying the demo agent's
/// test period in lockstep, several times over: every order's time from its decision's tick to the broker.
/// </summary>
internal static class InProcessRun
{
    public static async Task<(OrderLatencies Orders, List<double> SignalMicros, long Ticks)> MeasureAsync(string home, AgentConfig config, int repeats)
    {
        var registry = new FeatureRegistry();
        string checkpoint = Checkpoint.Of(home);
        var policy = AgentPolicy.Load(checkpoint, "main/" + Path.GetFileName(checkpoint), home, config, registry);
        var plan = FeaturePlan.Compile(policy.Config, registry);
        TimeRange test = policy.Config.RawData.Split.Test;
        Tick[] ticks = new TickStore(home).ReadAll(policy.Config.TradedSymbol, test.StartMs - plan.LookbackMs - 3_600_000, test.EndMs);

        var orders = new OrderLatencies();
        var signals = new List<double>();
        for (int run = 0; run < repeats; run++)
        {
            string folder = Path.Combine(home, $"embedded-{run}");
            await using var live = new EmbeddedLivePath(new EmbeddedLiveOptions { Policy = policy, Folder = folder, TradeFromMs = test.StartMs }, registry);
            live.Start();
            await live.ReplayAsync(ticks);

            // The first run warms the JIT and the caches; it is not counted.
            if (run > 0)
            {
                foreach (double micros in live.Latencies.Microseconds)
                {
                    orders.AddMicroseconds(micros);
                }

                signals.AddRange(live.SignalLatencyMicros);
            }
        }

        return (orders, signals, ticks.Length);
    }
}
