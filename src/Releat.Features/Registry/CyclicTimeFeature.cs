namespace Releat.Features.Registry;

/// <summary>
/// A position in a cycle (the day, the week) as sine and cosine, so 23:59 sits next to 00:00 instead of at the
/// far end of the scale.
/// </summary>
public sealed class CyclicTimeFeature(string name, long periodMs, long originMs) : ITimeFeature
{
    /// <summary>Time of day (UTC).</summary>
    public static CyclicTimeFeature TimeOfDay { get; } = new("time_of_day", MarketData.Time.UtcTime.MsPerDay, 0);

    /// <summary>Time of week from Sunday 00:00 UTC (1970-01-04 was a Sunday).</summary>
    public static CyclicTimeFeature TimeOfWeek { get; } = new("time_of_week", 7 * MarketData.Time.UtcTime.MsPerDay, 3 * MarketData.Time.UtcTime.MsPerDay);

    public string Name { get; } = name;

    public IReadOnlyList<string> Outputs { get; } = ["sin", "cos"];

    public void Compute(long decisionTimeMs, Span<float> destination)
    {
        long phaseMs = ((decisionTimeMs - originMs) % periodMs + periodMs) % periodMs;
        double angle = 2 * Math.PI * phaseMs / periodMs;
        destination[0] = (float)Math.Sin(angle);
        destination[1] = (float)Math.Cos(angle);
    }
}
