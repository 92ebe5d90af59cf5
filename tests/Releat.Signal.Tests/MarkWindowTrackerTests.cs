using Releat.Features.Drivers;
using Releat.Signal.Core.Live;

namespace Releat.Signal.Tests;

/// <summary>The window an open position is marked at: after the previous emitted decision, one step long, as the dataset's.</summary>
public sealed class MarkWindowTrackerTests
{
    [Fact]
    public void The_window_after_the_previous_decision_holds_its_steps_quotes_or_the_last_quote_before_its_end()
    {
        var tracker = new MarkWindowTracker(decisionStepMs: 1000);
        Assert.False(tracker.OnDecision(1000, out _));

        tracker.AddQuote(1200, 1.00010, 1.00020);
        tracker.AddQuote(1700, 1.00005, 1.00015);
        Assert.True(tracker.OnDecision(2000, out ExecutionRange consecutive));
        Assert.Equal(new ExecutionRange(1.00005, 1.00010, 1.00015, 1.00020), consecutive);

        // No quote in [2000, 3000); decisions 3000 and 4000 emit nothing (market closed): the window of 2000 is the
        // last quote before 3000, and stays the previous row's window at 5000.
        tracker.AddQuote(3500, 1.00030, 1.00040);
        Assert.True(tracker.OnDecision(5000, out ExecutionRange afterGap));
        Assert.Equal(new ExecutionRange(1.00005, 1.00005, 1.00015, 1.00015), afterGap);

        // A quote at the window's end belongs to the next step.
        tracker.AddQuote(5100, 1.00050, 1.00060);
        tracker.AddQuote(5999, 1.00045, 1.00055);
        tracker.AddQuote(6000, 1.00090, 1.00100);
        Assert.True(tracker.OnDecision(7000, out ExecutionRange cut));
        Assert.Equal(new ExecutionRange(1.00045, 1.00050, 1.00055, 1.00060), cut);
    }
}
