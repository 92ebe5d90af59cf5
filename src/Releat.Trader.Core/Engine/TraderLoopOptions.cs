namespace Releat.Trader.Core.Engine;

/// <summary>How the consumer loop waits and backs off.</summary>
public sealed class TraderLoopOptions
{
    /// <summary>Longest wait for a signal before the loop runs its periodic checks.</summary>
    public TimeSpan ReceiveWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause after the bus or the gateway failed, doubling up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan Backoff { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);
}
