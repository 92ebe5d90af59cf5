using Releat.Trader.Core.Orders;
using Releat.Trader.Core.Risk;

namespace Releat.Trader;

/// <summary>Configuration section "Trader": which agents to trade, where the gateway and the journal are, and the risk limits.</summary>
public sealed class TraderOptions
{
    public const string Section = "Trader";

    /// <summary>Agent ids whose signals this trader acts on; their configs are read from agents/&lt;id&gt;/agent.yaml.</summary>
    /// <remarks>No default in the list itself: the configuration binder appends to a list, it does not replace it.</remarks>
    public IList<string> Agents { get; } = [];

    /// <summary>Folder holding &lt;id&gt;/agent.yaml; searched for (RELEAT_AGENTS, then agents/ above the program) when empty.</summary>
    public string? AgentsRoot { get; set; }

    /// <summary>The trade journal (JSON lines); RELEAT_HOME/trader/journal.jsonl when empty.</summary>
    public string? JournalPath { get; set; }

    /// <summary>Consumer group on the signal bus: traders sharing the same agents share the group.</summary>
    public string ConsumerGroup { get; set; } = "trader";

    /// <summary>This trader's name in the group; keep it stable across restarts. The machine name when empty.</summary>
    public string? ConsumerName { get; set; }

    /// <summary>How long another consumer's signal may stay unacknowledged before this trader takes it over.</summary>
    public TimeSpan ClaimIdleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>While this file exists the kill switch is engaged (everything closed, nothing traded).</summary>
    public string? KillSwitchFile { get; set; }

    /// <summary>Follow the gateway's live ticks for the market clock and volatility (otherwise only the account's time).</summary>
    public bool WatchTicks { get; set; } = true;

    public GrpcOrderGatewayOptions Gateway { get; set; } = new();

    public RiskSettings Risk { get; set; } = new();

    public string ResolveJournalPath() => JournalPath is { Length: > 0 } path
        ? path
        : Path.Combine(
            Environment.GetEnvironmentVariable("RELEAT_HOME") is { Length: > 0 } home ? home : Path.Combine(Environment.CurrentDirectory, "data"),
            "trader",
            "journal.jsonl");
}
