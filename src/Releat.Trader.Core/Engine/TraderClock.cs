using Releat.Trader.Core.Market;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Engine;

/// <summary>
/// The trader's two clocks, read in one place. The market's clock (the latest tick or account time the gateway
/// sent) decides staleness, days and order ids, since a simulated market runs on its own clock; the machine's clock
/// only paces refreshes and stamps the journal's wall time.
/// </summary>
internal sealed class TraderClock(MarketWatch market, TimeProvider wall)
{
    public MarketWatch Market { get; } = market;

    public TimeProvider Wall { get; } = wall;

    /// <summary>Market time, or null before the first tick or account time.</summary>
    public long? MarketMs => Market.NowMs;

    /// <summary>Market time, or the machine's before the market has said anything (ids must still be unique).</summary>
    public long MarketOrWallMs => Market.NowMs ?? Wall.GetUtcNow().ToUnixTimeMilliseconds();

    public DateTime WallUtc => Wall.GetUtcNow().UtcDateTime;

    /// <summary>Moves the market clock to the account's time: the gateway's market time, a clock before any tick.</summary>
    public void Observe(V1.AccountInfo account)
    {
        if (account.Time is not null)
        {
            Market.Advance(ContractTime.ToMilliseconds(account.Time));
        }
    }
}
