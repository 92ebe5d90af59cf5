using Google.Protobuf.WellKnownTypes;

namespace Releat.Trader.Core;

/// <summary>UTC milliseconds to and from protobuf timestamps, exact for times before 1970 too.</summary>
public static class ContractTime
{
    public static Timestamp ToTimestamp(long timeMs)
    {
        long seconds = Math.DivRem(timeMs, 1000, out long milliseconds);
        if (milliseconds < 0)
        {
            seconds--;
            milliseconds += 1000;
        }

        return new Timestamp { Seconds = seconds, Nanos = (int)milliseconds * 1_000_000 };
    }

    /// <summary>Milliseconds, rounded down; 0 for a missing timestamp.</summary>
    public static long ToMilliseconds(Timestamp? timestamp) =>
        timestamp is null ? 0 : (timestamp.Seconds * 1000) + (timestamp.Nanos / 1_000_000);
}
