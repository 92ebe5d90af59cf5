using Releat.Agents.Loading;

namespace Releat.Agents.Config;

/// <summary>A half-open UTC interval [StartMs, EndMs) in milliseconds since the Unix epoch.</summary>
public readonly record struct TimeRange(long StartMs, long EndMs)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public long LengthMs => EndMs - StartMs;

    public bool Contains(long timeMs) => timeMs >= StartMs && timeMs < EndMs;

    public bool Overlaps(TimeRange other) => StartMs < other.EndMs && other.StartMs < EndMs;

    public bool Covers(TimeRange other) => other.StartMs >= StartMs && other.EndMs <= EndMs;

    public override string ToString() => $"[{UtcDateText.Format(StartMs)}, {UtcDateText.Format(EndMs)})";
}
