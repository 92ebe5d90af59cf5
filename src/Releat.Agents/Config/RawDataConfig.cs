namespace Releat.Agents.Config;

/// <summary>
/// The agent's market data and its decision grid: a decision every <see cref="DecisionTimeframe"/>, at
/// <see cref="TimeOffset"/> past each multiple of it (10 s at 3 s decides at :03, :13, :23 ...).
/// </summary>
public sealed record RawDataConfig(
    DataSourceKind Source,
    IReadOnlyList<string> Symbols,
    CandleSourceConfig? Candles,
    TimeSpan DecisionTimeframe,
    TimeSpan TimeOffset,
    EmptyBarFill EmptyBars,
    MarketHoursConfig Market,
    TimeRange DataRange,
    DataSplit Split)
{
    public long DecisionStepMs => (long)DecisionTimeframe.TotalMilliseconds;

    public long TimeOffsetMs => (long)TimeOffset.TotalMilliseconds;
}
