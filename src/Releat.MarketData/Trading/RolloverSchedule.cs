using Releat.MarketData.Model;
using Releat.MarketData.Time;

namespace Releat.MarketData.Trading;

/// <summary>
/// When swaps are charged: at the symbol's rollover time at the end of each trading day, Monday to Friday (none
/// on Saturday and Sunday), three nights at once on the triple-swap day (Wednesday, covering the weekend as MT5
/// does). A Friday rollover falls at the weekend close, so it is booked at the first tick after the weekend.
/// </summary>
internal static class RolloverSchedule
{
    /// <summary>The first rollover strictly after the time.</summary>
    public static long Next(long timeMs, SymbolSpec spec)
    {
        long rolloverMsOfDay = spec.RolloverTime.ToTimeSpan().Ticks / TimeSpan.TicksPerMillisecond;
        long dayStart = UtcTime.DayStart(timeMs);
        for (int day = 0; day <= 8; day++)
        {
            long candidate = dayStart + (day * UtcTime.MsPerDay) + rolloverMsOfDay;
            if (candidate > timeMs && UtcTime.DayOfWeek(candidate) is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("unreachable: every week has a weekday");
    }

    public static int Nights(long rolloverMs, SymbolSpec spec) =>
        UtcTime.DayOfWeek(rolloverMs) == spec.TripleSwapDay ? 3 : 1;
}
