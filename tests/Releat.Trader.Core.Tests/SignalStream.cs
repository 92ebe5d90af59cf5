using Releat.Contracts.V1;
using Releat.Trader.Core.Journal;
using static Releat.Trader.Core.Tests.TradeSignals;

namespace Releat.Trader.Core.Tests;

/// <summary>
/// A deterministic stream of decisions for several agents: per agent, open long 1, hold, close long 1, hold, again
/// and again, each assuming the position the previous ones left. Half the decisions place an order.
/// </summary>
internal static class SignalStream
{
    public static Signal Signal(string agent, int n) => (n % 4) switch
    {
        0 => Nth(n, OpenLong1, agent),
        1 => Nth(n, Hold, agent, assumedLots: 0.01),
        2 => Nth(n, CloseLong1, agent, assumedLots: 0.01),
        _ => Nth(n, Hold, agent),
    };

    public static string BatchOf(string agent, int n) => $"sig:{agent}:{TimeOf(n)}";

    public static int OrdersFor(int signalsPerAgent) => Enumerable.Range(0, signalsPerAgent).Count(n => n % 2 == 0);

    /// <summary>Every signal done exactly once in the journal, every journaled order executed exactly once by the broker.</summary>
    public static void AssertExactlyOnce(TraderHarness trader, string[] agents, int signalsPerAgent)
    {
        var journal = TradeJournalReader.Read(trader.JournalPath).Entries;
        var done = journal.Where(e => e.Kind == JournalKinds.Done && e.Batch!.StartsWith("sig:", StringComparison.Ordinal))
            .GroupBy(e => e.Batch!).ToDictionary(g => g.Key, g => g.Count());
        var expected = agents.SelectMany(a => Enumerable.Range(0, signalsPerAgent).Select(n => BatchOf(a, n))).ToHashSet();
        Assert.Equal(expected.Order(), done.Keys.Order());
        Assert.All(done, pair => Assert.True(pair.Value == 1, $"{pair.Key} done {pair.Value} times"));
        Assert.DoesNotContain(done.Keys, k => journal.Any(e => e.Batch == k && e.Outcome == "rejected"));

        var executed = trader.Broker.ExecutedIds;
        Assert.Equal(executed.Count, executed.Distinct().Count());
        Assert.Equal(agents.Length * OrdersFor(signalsPerAgent), executed.Count);
        var intents = journal.Where(e => e.Kind == JournalKinds.Intent).Select(e => e.ClientOrderId!).ToList();
        Assert.Equal(intents.Order(), executed.Order());
        if (signalsPerAgent % 4 is 0 or 3)
        {
            Assert.Empty(trader.Broker.OpenPositions());
        }
    }
}
