namespace Releat.MarketData.Model;

public static class TimeframeExtensions
{
    public static long Milliseconds(this Timeframe timeframe) => (long)timeframe * 1000L;

    /// <summary>The opening time of the candle that contains <paramref name="timeMs"/>.</summary>
    public static long Floor(this Timeframe timeframe, long timeMs)
    {
        long period = timeframe.Milliseconds();
        return timeMs - (((timeMs % period) + period) % period);
    }

    public static bool IsDefinedTimeframe(this Timeframe timeframe) => Enum.IsDefined(timeframe);
}
