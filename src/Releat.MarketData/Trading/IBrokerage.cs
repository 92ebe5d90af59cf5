using Releat.MarketData.Trading.Events;

namespace Releat.MarketData.Trading;

/// <summary>
/// The seam between a strategy and where its orders go: the simulated broker for backtests and paper trading,
/// the MT5 gateway for a real account. What happens to orders and positions is reported as
/// <see cref="TradeEvent"/>s to subscribers, the same events in every implementation.
/// </summary>
public interface IBrokerage : IObservable<TradeEvent>
{
    AccountState Account { get; }

    /// <summary>Sends a market order. Sending an id already used returns that order's result and trades nothing.</summary>
    OrderResult PlaceOrder(OrderRequest request);

    /// <summary>Closes <paramref name="volume"/> lots of a position (all of it when volume is its size).</summary>
    OrderResult ClosePosition(long positionId, double volume, string clientOrderId);

    /// <summary>Sets a position's stop loss and take profit (0 removes one).</summary>
    TradeRetcode ModifyPosition(long positionId, double stopLoss, double takeProfit);

    IReadOnlyList<Position> GetPositions();

    bool TryGetPosition(long positionId, out Position position);

    bool TryGetOrder(string clientOrderId, out OrderResult order);
}
