namespace Releat.Signal.Core.Live;

/// <summary>A UTC market time in log messages, written as "2024-01-08 00:00:30.000" only if the message is written.</summary>
internal readonly record struct MarketTime(long Ms)
{
    public override string ToString() => MarketData.Time.UtcTime.Format(Ms);
}
