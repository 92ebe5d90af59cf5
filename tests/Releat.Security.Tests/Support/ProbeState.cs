namespace Releat.Security.Tests.Support;

/// <summary>What the probe service saw: how many streams are open now, at most, and in total.</summary>
public sealed class ProbeState
{
    private int _active;
    private int _maxActive;
    private int _started;

    public int Active => Volatile.Read(ref _active);

    public int MaxActive => Volatile.Read(ref _maxActive);

    public int Started => Volatile.Read(ref _started);

    public void Enter()
    {
        Interlocked.Increment(ref _started);
        var now = Interlocked.Increment(ref _active);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxActive)) && Interlocked.CompareExchange(ref _maxActive, now, seen) != seen)
        {
        }
    }

    public void Leave() => Interlocked.Decrement(ref _active);
}
