namespace Releat.Mt5Bridge.Terminal;

/// <summary>
/// Turns the trade server's wall-clock milliseconds into UTC. With the broker's time-zone rules configured each time
/// is converted by the rules in force at that moment, so ticks, backfill and open times on either side of a
/// daylight-saving change are all right; without them the offset the EA last reported (HELLO, CLOCK) is used for
/// every time, which is only right for times close to now.
/// </summary>
public sealed class ServerClock
{
    private readonly TimeZoneInfo? _zone;
    private readonly long _shiftMs;
    private int _reportedOffsetSeconds;

    public ServerClock(int reportedOffsetSeconds, TimeZoneInfo? zone = null, double shiftHours = 0)
    {
        _reportedOffsetSeconds = reportedOffsetSeconds;
        _zone = zone;
        _shiftMs = (long)(shiftHours * 3_600_000);
    }

    /// <summary>True when times are converted by the broker's rules rather than one reported offset.</summary>
    public bool UsesRules => _zone is not null;

    public int ReportedOffsetSeconds => Volatile.Read(ref _reportedOffsetSeconds);

    public void Report(int offsetSeconds) => Volatile.Write(ref _reportedOffsetSeconds, offsetSeconds);

    /// <summary>The server time <paramref name="serverTimeMs"/> (milliseconds since 1970 on the server's clock) in UTC.</summary>
    public long ToUtcMilliseconds(long serverTimeMs)
    {
        if (_zone is null)
        {
            return serverTimeMs - (ReportedOffsetSeconds * 1000L);
        }

        // The server's clock reads the zone's local time plus the shift (e.g. New York + 7 h for "GMT+2/+3 with US
        // daylight saving"); an ambiguous hour (clocks going back) is taken as standard time, as TimeZoneInfo does.
        var local = DateTime.SpecifyKind(DateTime.UnixEpoch.AddMilliseconds(serverTimeMs - _shiftMs), DateTimeKind.Unspecified);
        if (_zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return (long)(TimeZoneInfo.ConvertTimeToUtc(local, _zone) - DateTime.UnixEpoch).TotalMilliseconds;
    }

    /// <summary>The offset the rules give for a UTC instant, to compare with what the EA reports.</summary>
    public int RuleOffsetSeconds(DateTimeOffset utc) =>
        _zone is null ? ReportedOffsetSeconds : (int)(_zone.GetUtcOffset(utc).TotalSeconds + (_shiftMs / 1000));
}
