using Releat.Trader.Core.Engine;
using Releat.Trader.Core.Journal;
using Releat.Trader.Core.Orders;
using static Releat.Trader.Core.Tests.TradeSignals;

namespace Releat.Trader.Core.Tests;

public sealed class RecoveryTests
{
    [Fact]
    public async Task Restart_rebuilds_positions_and_handled_signals_from_the_journal()
    {
        using var trader = new TraderHarness();
        await trader.StartAsync();
        await trader.HandleAsync(Nth(1, OpenLong2));
        await trader.HandleAsync(Nth(2, Hold, assumedLots: 0.02));

        trader.Restart();
        await trader.StartAsync();

        Assert.Equal(SignalOutcomeKind.Duplicate, (await trader.HandleAsync(Nth(1, OpenLong2))).Kind);
        var state = trader.Engine.Status.Agents[0];
        Assert.Equal(0.02, state.PositionVolume, 10);
        Assert.Equal(2, state.SignalsActed);
        var closed = await trader.HandleAsync(Nth(3, CloseLong1, assumedLots: 0.02));
        Assert.Equal(0.01, Assert.Single(closed.Orders).FilledVolume, 10);
        Assert.Equal(2, trader.Broker.Executed.Count);
    }

    [Fact]
    public async Task Crash_after_the_broker_executed_but_before_the_answer_was_journaled_sends_the_same_id_again_and_trades_once()
    {
        using var trader = new TraderHarness();
        await trader.StartAsync();
        trader.Broker.CrashAfterExecution = 0;

        await Assert.ThrowsAsync<SimulatedCrash>(() => trader.HandleAsync(Nth(1, OpenLong1)));
        var journal = trader.ReadJournal();
        Assert.Contains(journal, e => e.Kind == JournalKinds.Intent);
        Assert.DoesNotContain(journal, e => e.Kind == JournalKinds.Result);

        trader.Restart();
        await trader.StartAsync();
        var redelivered = await trader.HandleAsync(Nth(1, OpenLong1));

        Assert.Equal(SignalOutcomeKind.Duplicate, redelivered.Kind);
        Assert.Single(trader.Broker.Executed);
        Assert.Single(trader.Broker.OpenPositions());
        Assert.Equal(0.01, trader.Engine.Status.Agents[0].PositionVolume, 10);
        Assert.Single(trader.ReadJournal(), e => e.Kind == JournalKinds.Done && e.Batch == "sig:t1:" + TimeOf(1));
    }

    [Fact]
    public async Task Gateway_down_midway_leaves_the_batch_open_and_the_retry_finishes_it_without_deciding_again()
    {
        using var trader = new TraderHarness();
        await trader.StartAsync();
        await trader.HandleAsync(Nth(1, OpenLong1));
        trader.Broker.FailingCalls = 1000;

        await Assert.ThrowsAsync<OrderGatewayUnavailableException>(() => trader.HandleAsync(Nth(2, OpenLong1, assumedLots: 0.01)));

        trader.Broker.FailingCalls = 0;
        var retried = await trader.HandleAsync(Nth(2, OpenLong1, assumedLots: 0.01));
        Assert.Equal(SignalOutcomeKind.Acted, retried.Kind);
        Assert.Equal(2, trader.Broker.Executed.Count);
    }

    [Fact]
    public async Task Order_not_yet_filled_keeps_the_signal_open_until_the_gateway_reports_the_fill()
    {
        using var trader = new TraderHarness();
        await trader.StartAsync();
        trader.Broker.SubmittedAnswers = 1;

        await Assert.ThrowsAsync<OrderGatewayUnavailableException>(() => trader.HandleAsync(Nth(1, OpenLong1)));
        Assert.DoesNotContain(trader.ReadJournal(), e => e.Kind == JournalKinds.Done);

        var asked = await trader.HandleAsync(Nth(1, OpenLong1));
        Assert.Equal(SignalOutcomeKind.Duplicate, asked.Kind);
        Assert.Single(trader.Broker.Executed);
        Assert.Equal(0.01, trader.Engine.Status.Agents[0].PositionVolume, 10);
        Assert.Single(trader.ReadJournal(), e => e.Kind == JournalKinds.Done && e.Reason == "resumed" && e.DecisionMs == TimeOf(1));
    }

    [Fact]
    public async Task Torn_last_journal_line_is_ignored_and_the_next_entry_starts_on_its_own_line()
    {
        using var trader = new TraderHarness();
        await trader.StartAsync();
        await trader.HandleAsync(Nth(1, OpenLong1));
        trader.Engine.Dispose();
        trader.Journal.Dispose();
        await File.AppendAllTextAsync(trader.JournalPath, "{\"kind\":\"result\",\"batch\":\"sig:t1:");

        var contents = TradeJournalReader.Read(trader.JournalPath);
        Assert.StartsWith("{\"kind\":\"result\"", contents.TornTail, StringComparison.Ordinal);

        trader.Restart();
        await trader.StartAsync();
        await trader.HandleAsync(Nth(2, CloseLong1, assumedLots: 0.01));

        var reread = TradeJournalReader.Read(trader.JournalPath);
        Assert.Null(reread.TornTail);
        Assert.Equal(2, reread.Entries.Count(e => e.Kind == JournalKinds.Done));
        Assert.Empty(trader.Broker.OpenPositions());
    }

    [Fact]
    public void Damaged_line_before_the_end_is_an_error_naming_file_and_line()
    {
        string path = Path.Combine(Path.GetTempPath(), "releat-journal-" + Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllText(path, "{\"kind\":\"pause\"}\nnot json\n{\"kind\":\"resume\"}\n");
        try
        {
            var error = Assert.Throws<JournalFormatException>(() => TradeJournalReader.Read(path));
            Assert.StartsWith(path + ":2:", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
