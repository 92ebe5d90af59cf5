using Releat.MarketData.Model;
using Releat.MarketData.Synthetic;

namespace Releat.MarketData.Feeds;

/// <summary>Generated ticks up to (not including) <paramref name="untilMs"/>.</summary>
public sealed class SyntheticTickFeed(SyntheticTickGenerator generator, long untilMs) : ITickFeed
{
    private readonly string _symbol = generator.Options.Symbol.Name;

    public bool TryRead(out SymbolTick tick)
    {
        Tick next = generator.Next();
        if (next.TimeMs >= untilMs)
        {
            tick = default;
            return false;
        }

        tick = new SymbolTick(_symbol, next);
        return true;
    }

    public void Dispose()
    {
    }
}
