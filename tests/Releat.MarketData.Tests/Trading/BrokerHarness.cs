using Releat.MarketData.Model;
using Releat.MarketData.Time;
using Releat.MarketData.Trading;

namespace Releat.MarketData.Tests.Trading;

/// <summary>A simulated broker on a simulated clock, with helpers to push quotes and send orders.</summary>
internal sealed class BrokerHarness
{
    private int _nextId;

    public BrokerHarness(BrokerSettings? settings = null, SymbolCatalog? symbols = null, long startMs = 0)
    {
        Clock = new SimulatedClock(startMs == 0 ? Times.MondayMorning : startMs);
        Broker = new SimulatedBroker(symbols ?? FreeOfCharges, settings ?? new BrokerSettings(), Clock);
        Broker.Subscribe(Events);
    }

    /// <summary>The shipped majors with commission and swaps set to zero, so price P&amp;L can be checked alone.</summary>
    public static SymbolCatalog FreeOfCharges { get; } = new(
        SymbolCatalog.Defaults.All.Select(s => s with { CommissionPerLot = 0, SwapLongPoints = 0, SwapShortPoints = 0 }));

    public SimulatedClock Clock { get; }

    public SimulatedBroker Broker { get; }

    public TradeEventRecorder Events { get; } = new();

    public AccountState Account => Broker.Account;

    /// <summary>Moves the clock to the time and pushes a quote.</summary>
    public void Quote(string symbol, long timeMs, double bid, double ask)
    {
        Clock.AdvanceTo(timeMs);
        Broker.OnTick(symbol, new Tick(timeMs, bid, ask));
    }

    /// <summary>Pushes a quote <paramref name="afterMs"/> after the clock.</summary>
    public void QuoteAfter(long afterMs, string symbol, double bid, double ask) => Quote(symbol, Clock.UtcNowMs + afterMs, bid, ask);

    public OrderResult Buy(string symbol, double lots, double stopLoss = 0, double takeProfit = 0, string? id = null) =>
        Send(symbol, OrderSide.Buy, lots, stopLoss, takeProfit, id);

    public OrderResult Sell(string symbol, double lots, double stopLoss = 0, double takeProfit = 0, string? id = null) =>
        Send(symbol, OrderSide.Sell, lots, stopLoss, takeProfit, id);

    public OrderResult Send(string symbol, OrderSide side, double lots, double stopLoss = 0, double takeProfit = 0, string? id = null) =>
        Broker.PlaceOrder(new OrderRequest
        {
            ClientOrderId = id ?? $"order-{++_nextId}",
            Symbol = symbol,
            Side = side,
            Volume = lots,
            StopLoss = stopLoss,
            TakeProfit = takeProfit,
        });

    public Position SinglePosition() => Assert.Single(Broker.GetPositions());
}
