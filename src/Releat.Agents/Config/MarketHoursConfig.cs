namespace Releat.Agents.Config;

/// <summary>
/// When the market is open, so no decision is taken while it is closed: the forex week opens Sunday at
/// <see cref="WeekOpen"/> and closes Friday at the same UTC time; each holiday closes one trading day, which ends at
/// <see cref="DayEnd"/> (the daily rollover, 22:00 UTC by default). <see cref="OpenAllWeek"/> is for markets that
/// never close for the weekend (crypto).
/// </summary>
public sealed record MarketHoursConfig(TimeOnly WeekOpen, TimeOnly DayEnd, IReadOnlyList<DateOnly> Holidays, bool OpenAllWeek = false)
{
    public static MarketHoursConfig Forex { get; } = new(new TimeOnly(22, 0), new TimeOnly(22, 0), []);
}
