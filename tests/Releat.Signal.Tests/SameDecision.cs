using V1 = Releat.Contracts.V1;

namespace Releat.Signal.Tests;

/// <summary>Two signals of the same decision: every field equal but the timing (latency, hop stamps, trace), which is the machine's.</summary>
internal sealed class SameDecision : IEqualityComparer<V1.Signal>
{
    public bool Equals(V1.Signal? x, V1.Signal? y) => object.Equals(WithoutTiming(x), WithoutTiming(y));

    public int GetHashCode(V1.Signal obj) => WithoutTiming(obj)!.GetHashCode();

    private static V1.Signal? WithoutTiming(V1.Signal? signal)
    {
        if (signal is null)
        {
            return null;
        }

        V1.Signal copy = signal.Clone();
        copy.LatencyUs = 0;
        copy.TickAtGatewayUs = 0;
        copy.TickAtSignalUs = 0;
        copy.DecidedUs = 0;
        copy.PublishingUs = 0;
        copy.TraceParent = "";
        return copy;
    }
}
