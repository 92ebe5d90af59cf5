using Releat.Features.Drivers;
using Releat.MarketData.Model;

namespace Releat.Features.Leakage;

/// <summary>A candle source whose candles opening at or after a time are perturbed (<see cref="Perturbation"/>).</summary>
public sealed class PerturbedCandleSource(ICandleSource inner, long perturbFromMs, ulong seed) : ICandleSource
{
    public string Symbol => inner.Symbol;

    public IReadOnlyList<Candle> Read(long fromMs, long toMs) =>
        [.. inner.Read(fromMs, toMs).Select(c => c.TimeMs >= perturbFromMs ? Perturbation.Apply(c, seed) : c)];

    public bool TryGetLastBefore(long timeMs, out Candle candle)
    {
        bool found = inner.TryGetLastBefore(timeMs, out candle);
        if (found && candle.TimeMs >= perturbFromMs)
        {
            candle = Perturbation.Apply(candle, seed);
        }

        return found;
    }
}
