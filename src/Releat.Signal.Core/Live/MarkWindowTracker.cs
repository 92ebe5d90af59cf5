using Releat.Features.Drivers;

namespace Releat.Signal.Core.Live;

/// <summary>
/// The execution window after the previous decision, followed live from the traded symbol's quotes: the range of
/// bids and asks from that decision's time to one step later (the last quote when no tick came), exactly as the
/// dataset's execution range of the previous row, since an open position is marked there
/// (<see cref="Trading.AgentObservation.OpenPips"/>). Decisions the engine does not emit (market closed, warming up)
/// have no row, so the window follows the last emitted decision, as the dataset's previous row does.
/// </summary>
public sealed class MarkWindowTracker
{
    private readonly ExecutionWindowTracker _window = new();
    private readonly long _stepMs;
    private ExecutionRange _previous;
    private long _windowEndMs;
    private bool _started;
    private bool _closed;

    public MarkWindowTracker(long decisionStepMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(decisionStepMs);
        _stepMs = decisionStepMs;
    }

    /// <summary>A quote of the traded symbol that went into the features (late ticks do not).</summary>
    public void AddQuote(long timeMs, double bid, double ask)
    {
        if (_started && !_closed && timeMs >= _windowEndMs)
        {
            // The first quote past the window closes it: the window keeps only what came before.
            _previous = _window.TakeStep();
            _closed = true;
        }

        _window.AddQuote(bid, ask);
    }

    /// <summary>
    /// At an emitted decision, before its closing tick is added: gives the window after the previous emitted decision
    /// (false before the first) and starts this decision's window.
    /// </summary>
    public bool OnDecision(long decisionTimeMs, out ExecutionRange previousWindow)
    {
        ExecutionRange pending = _window.TakeStep();
        if (_started && !_closed)
        {
            _previous = pending;
        }

        bool known = _started;
        previousWindow = _previous;
        _started = true;
        _closed = false;
        _windowEndMs = decisionTimeMs + _stepMs;
        return known;
    }
}
