using Releat.Features.Drivers;
using Releat.MarketData.Model;

namespace Releat.Features.Leakage;

/// <summary>A tick source whose ticks at or after a time are perturbed (<see cref="Perturbation"/>); earlier ones are served as they are.</summary>
public sealed class PerturbedTickSource(ITickSource inner, long perturbFromMs, ulong seed) : ITickSource
{
    public string Symbol => inner.Symbol;

    public ITickReader Open(long fromMs, long toMs) => new Reader(inner.Open(fromMs, toMs), perturbFromMs, seed);

    public bool TryGetLastBefore(long timeMs, out Tick tick)
    {
        bool found = inner.TryGetLastBefore(timeMs, out tick);
        if (found && tick.TimeMs >= perturbFromMs)
        {
            tick = Perturbation.Apply(tick, seed);
        }

        return found;
    }

    public long Count(long fromMs, long toMs) => inner.Count(fromMs, toMs);

    private sealed class Reader(ITickReader inner, long fromMs, ulong seed) : ITickReader
    {
        public int Read(Span<Tick> destination)
        {
            int read = inner.Read(destination);
            for (int i = 0; i < read; i++)
            {
                if (destination[i].TimeMs >= fromMs)
                {
                    destination[i] = Perturbation.Apply(destination[i], seed);
                }
            }

            return read;
        }

        public void Dispose() => inner.Dispose();
    }
}
