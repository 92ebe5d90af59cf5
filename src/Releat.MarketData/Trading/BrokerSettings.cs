using Releat.MarketData.Calendar;

namespace Releat.MarketData.Trading;

/// <summary>The simulated account and how orders reach the market.</summary>
public sealed record BrokerSettings
{
    public string AccountCurrency { get; init; } = "USD";

    public double InitialBalance { get; init; } = 10_000;

    public AccountMode Mode { get; init; } = AccountMode.Hedging;

    /// <summary>Margin level (percent) at which a margin call is raised.</summary>
    public double MarginCallLevel { get; init; } = 100;

    /// <summary>Margin level (percent) at which positions are closed, most losing first.</summary>
    public double StopOutLevel { get; init; } = 50;

    /// <summary>Time from sending an order to its arrival at the market; it fills on the next tick after that.</summary>
    public long LatencyMs { get; init; }

    public SlippageModel Slippage { get; init; } = SlippageModel.None;

    /// <summary>Lots one tick can fill; larger orders fill partially over several ticks. 0 = no limit.</summary>
    public double MaxVolumePerFill { get; init; }

    /// <summary>Days the market is shut besides weekends (orders get TRADE_RETCODE_MARKET_CLOSED).</summary>
    public IReadOnlyList<MarketHoliday> Holidays { get; init; } = [];

    public void Validate()
    {
        if (AccountCurrency.Length != 3 || !(InitialBalance >= 0) || LatencyMs < 0 || MaxVolumePerFill < 0)
        {
            throw new ArgumentException(
                $"broker settings: currency '{AccountCurrency}' must be a 3-letter code, balance ({InitialBalance}), latency ({LatencyMs}) and max fill ({MaxVolumePerFill}) must not be negative");
        }

        if (!(StopOutLevel >= 0) || !(MarginCallLevel >= StopOutLevel))
        {
            throw new ArgumentException($"broker settings: need 0 <= stop out ({StopOutLevel}) <= margin call ({MarginCallLevel})");
        }
    }
}
