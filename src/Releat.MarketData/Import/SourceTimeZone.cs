using Releat.MarketData.Time;

namespace Releat.MarketData.Import;

/// <summary>
/// Converts a file's local times to UTC. The offset is cached per local hour when the whole hour has one offset
/// (nearly always), so a conversion is one subtraction; hours around a clock change take the exact path.
/// </summary>
internal sealed class SourceTimeZone
{
    private readonly TimeZoneInfo? _zone;
    private long _cachedHour = long.MinValue;
    private long _cachedOffsetMs;

    public SourceTimeZone(string? timeZoneId)
    {
        if (timeZoneId is null || timeZoneId is "UTC" or "Etc/UTC")
        {
            return;
        }

        try
        {
            _zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new ArgumentException($"time zone '{timeZoneId}' is not known on this machine (use an IANA id such as Europe/Athens)", nameof(timeZoneId), e);
        }
    }

    public string Name => _zone?.Id ?? "UTC";

    /// <summary>False when the local time does not exist in the zone (it falls in a clock change's gap).</summary>
    public bool TryToUtc(long localMs, out long utcMs)
    {
        if (_zone is null)
        {
            utcMs = localMs;
            return true;
        }

        long hour = localMs - (((localMs % UtcTime.MsPerHour) + UtcTime.MsPerHour) % UtcTime.MsPerHour);
        if (hour == _cachedHour)
        {
            utcMs = localMs - _cachedOffsetMs;
            return true;
        }

        if (TryOffset(hour, out long startOffset) && TryOffset(hour + UtcTime.MsPerHour - 1, out long endOffset)
            && startOffset == endOffset && !IsAmbiguous(hour) && !IsAmbiguous(hour + UtcTime.MsPerHour - 1))
        {
            _cachedHour = hour;
            _cachedOffsetMs = startOffset;
            utcMs = localMs - startOffset;
            return true;
        }

        bool exists = TryOffset(localMs, out long offset);
        utcMs = localMs - offset;
        return exists;
    }

    private bool TryOffset(long localMs, out long offsetMs)
    {
        DateTime local = DateTime.SpecifyKind(UtcTime.ToDateTime(localMs), DateTimeKind.Unspecified);
        if (_zone!.IsInvalidTime(local))
        {
            offsetMs = 0;
            return false;
        }

        // For an ambiguous time (clocks went back) GetUtcOffset gives the standard offset: documented behaviour.
        offsetMs = (long)_zone.GetUtcOffset(local).TotalMilliseconds;
        return true;
    }

    private bool IsAmbiguous(long localMs) =>
        _zone!.IsAmbiguousTime(DateTime.SpecifyKind(UtcTime.ToDateTime(localMs), DateTimeKind.Unspecified));
}
