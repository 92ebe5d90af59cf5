using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Time;

namespace Releat.MarketData.Synthetic;

/// <summary>Seeded synthetic ticks written into a tick store: what `releat generate-ticks`, the demo and benchmarks use.</summary>
public static class SyntheticTickWriter
{
    /// <summary>
    /// Generates <paramref name="spec"/>'s ticks in [<paramref name="fromMs"/>, <paramref name="toMs"/>) into the store
    /// under <paramref name="root"/>; refuses to write before ticks the store already holds. Returns the count.
    /// </summary>
    public static long WriteToStore(string root, SymbolSpec spec, long fromMs, long toMs, ulong seed, double momentum, Action<double>? progress, CancellationToken cancellation)
    {
        var generator = new SyntheticTickGenerator(new SyntheticMarketOptions { Seed = seed, Symbol = spec, StartMs = fromMs, MomentumStrength = momentum });
        using var writer = new TickStore(root).OpenWriter(spec.Name);
        if (writer.HasTicks && writer.LastTimeMs >= fromMs)
        {
            throw new InvalidOperationException(
                $"the store already holds {spec.Name} ticks up to {UtcTime.ToDateTime(writer.LastTimeMs):yyyy-MM-dd HH:mm:ss} UTC, after --from; generate from a later day or use another RELEAT_HOME");
        }

        long count = 0;
        var buffer = new Tick[4096];
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            generator.Fill(buffer);
            foreach (var tick in buffer)
            {
                if (tick.TimeMs >= toMs)
                {
                    writer.Flush(durable: true);
                    progress?.Invoke(1);
                    return count;
                }

                writer.Append(tick);
                count++;
            }

            progress?.Invoke((double)(buffer[^1].TimeMs - fromMs) / (toMs - fromMs));
        }
    }
}
