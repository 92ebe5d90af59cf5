using Releat.MarketData.Model;

namespace Releat.MarketData.Feeds;

/// <summary>Anything driven by ticks pushed into it, in time order: the simulated broker, the feature engine.</summary>
public interface ITickListener
{
    void OnTick(string symbol, in Tick tick);
}
