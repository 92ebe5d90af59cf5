using Releat.MarketData.Model;
using Releat.Trader.Core.Journal;
using Releat.Trader.Core.Risk;

namespace Releat.Trader.Core.Agents;

/// <summary>The book of every traded agent, by agent id; the one place the engine's parts find an agent's book.</summary>
internal sealed class AgentBooks
{
    private readonly Dictionary<string, AgentBook> _byId = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">An agent trades a symbol without a spec, or is listed twice.</exception>
    public AgentBooks(IReadOnlyList<TradedAgent> agents, SymbolCatalog symbols)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(symbols);
        foreach (var agent in agents)
        {
            if (!symbols.TryGet(agent.Symbol, out _))
            {
                throw new ArgumentException($"agent '{agent.AgentId}': no symbol spec for '{agent.Symbol}'", nameof(agents));
            }

            if (!_byId.TryAdd(agent.AgentId, new AgentBook(agent)))
            {
                throw new ArgumentException($"agent '{agent.AgentId}' is listed twice", nameof(agents));
            }
        }
    }

    public IReadOnlyCollection<AgentBook> All => _byId.Values;

    public int Count => _byId.Count;

    public AgentBook? Of(string? agentId) => agentId is not null && _byId.TryGetValue(agentId, out var book) ? book : null;

    /// <summary>Each agent's daily P&amp;L (realised today + floating now - floating at the day's start).</summary>
    public IReadOnlyDictionary<string, double> DailyPnl() => _byId.ToDictionary(b => b.Key, b => b.Value.DailyPnl, StringComparer.Ordinal);

    /// <summary>
    /// Counts a signal the journal says was done (replay): rejected when the trader refused it, acted on otherwise,
    /// including a signal whose orders the broker rejected (the trader did act on it).
    /// </summary>
    public void CountHandledSignal(JournalEntry done)
    {
        if (Of(done.Agent) is not { } book || done.DecisionMs is not { } decisionMs)
        {
            return;
        }

        book.LastSignalMs = Math.Max(book.LastSignalMs, decisionMs);
        if (done.Outcome == "rejected" && done.Reason != RejectReasons.OrderRejected)
        {
            book.SignalsRejected++;
        }
        else
        {
            book.SignalsActed++;
        }
    }
}
