namespace Releat.MarketData.Time;

/// <summary>
/// A clock that only moves when the replay moves it, and never backwards, so a backtest sees time exactly as
/// the recorded ticks tell it.
/// </summary>
public sealed class SimulatedClock(long startMs = 0) : IClock
{
    public long UtcNowMs { get; private set; } = startMs;

    public void AdvanceTo(long timeMs)
    {
        if (timeMs < UtcNowMs)
        {
            throw new InvalidOperationException(
                $"simulated clock cannot go back from {UtcTime.Format(UtcNowMs)} to {UtcTime.Format(timeMs)}");
        }

        UtcNowMs = timeMs;
    }

    public void AdvanceBy(long milliseconds) => AdvanceTo(UtcNowMs + milliseconds);
}
