using Google.Protobuf.WellKnownTypes;
using Releat.MarketData.Model;
using Releat.MarketData.Trading;
using V1 = Releat.Contracts.V1;

namespace Releat.Mt5Gateway.Api;

/// <summary>Domain types to and from the releat.v1 contract, in one place so every endpoint maps the same way.</summary>
public static class ContractMapping
{
    public static Timestamp ToTimestamp(long timeMs)
    {
        // Timestamps count whole seconds down and nanoseconds up, also before 1970.
        var seconds = timeMs / 1000;
        var milliseconds = timeMs % 1000;
        if (milliseconds < 0)
        {
            seconds--;
            milliseconds += 1000;
        }

        return new Timestamp { Seconds = seconds, Nanos = (int)milliseconds * 1_000_000 };
    }

    public static long ToMilliseconds(Timestamp? timestamp) =>
        timestamp is null ? 0 : (timestamp.Seconds * 1000) + (timestamp.Nanos / 1_000_000);

    public static V1.Tick ToContract(string symbol, in Tick tick) => new()
    {
        Symbol = symbol,
        Time = ToTimestamp(tick.TimeMs),
        Bid = tick.Bid,
        Ask = tick.Ask,
        Last = tick.Last,
        Volume = tick.Volume,
        Flags = (uint)tick.Flags,
    };

    public static V1.Candle ToContract(string symbol, V1.Timeframe timeframe, in Candle candle) => new()
    {
        Symbol = symbol,
        Timeframe = timeframe,
        Time = ToTimestamp(candle.TimeMs),
        Open = candle.Open,
        High = candle.High,
        Low = candle.Low,
        Close = candle.Close,
        TickVolume = candle.TickVolume,
        Volume = candle.Volume,
        SpreadPoints = candle.SpreadPoints,
    };

    public static V1.SymbolInfo ToContract(SymbolSpec spec)
    {
        var info = new V1.SymbolInfo
        {
            Symbol = spec.Name,
            Description = spec.Description,
            Digits = spec.Digits,
            Point = spec.Point,
            PipSize = spec.PipSize,
            ContractSize = spec.ContractSize,
            BaseCurrency = spec.BaseCurrency,
            QuoteCurrency = spec.QuoteCurrency,
            ProfitCurrency = spec.ProfitCurrency,
            MarginCurrency = spec.MarginCurrency,
            CommissionPerLot = spec.CommissionPerLot,
            Leverage = spec.Leverage,
            SwapLongPoints = spec.SwapLongPoints,
            SwapShortPoints = spec.SwapShortPoints,
            VolumeMin = spec.VolumeMin,
            VolumeMax = spec.VolumeMax,
            VolumeStep = spec.VolumeStep,
        };
        for (var day = DayOfWeek.Sunday; day <= DayOfWeek.Saturday; day++)
        {
            foreach (var window in spec.Sessions.On(day))
            {
                info.Sessions.Add(new V1.TradingSession { DayOfWeek = (int)day, OpenMinute = window.StartMinute, CloseMinute = window.EndMinute });
            }
        }

        return info;
    }

    public static V1.Position ToContract(in Position position, double currentPrice) => new()
    {
        PositionId = position.Id,
        Symbol = position.Symbol,
        Direction = position.Side == OrderSide.Buy ? V1.PositionDirection.Long : V1.PositionDirection.Short,
        Volume = position.Volume,
        OpenPrice = position.OpenPrice,
        OpenTime = ToTimestamp(position.OpenTimeMs),
        StopLoss = position.StopLoss,
        TakeProfit = position.TakeProfit,
        CurrentPrice = currentPrice,
        Profit = position.Profit,
        Swap = position.Swap,
        Commission = position.Commission,
    };

    public static V1.OrderState ToContract(OrderState state) => state switch
    {
        OrderState.Submitted => V1.OrderState.Submitted,
        OrderState.PartiallyFilled => V1.OrderState.PartiallyFilled,
        OrderState.Filled => V1.OrderState.Filled,
        OrderState.Rejected => V1.OrderState.Rejected,
        _ => V1.OrderState.Unspecified,
    };

    /// <summary>MT5's timeframe minutes are the enum values of both sides.</summary>
    public static Timeframe ToDomain(V1.Timeframe timeframe) => (int)timeframe switch
    {
        1 => Timeframe.M1,
        5 => Timeframe.M5,
        15 => Timeframe.M15,
        30 => Timeframe.M30,
        60 => Timeframe.H1,
        240 => Timeframe.H4,
        1440 => Timeframe.D1,
        _ => throw new ArgumentOutOfRangeException(nameof(timeframe), timeframe, "timeframe must be one of M1, M5, M15, M30, H1, H4, D1"),
    };
}
