using Microsoft.Extensions.Logging;
using Releat.MarketData.Model;
using Releat.MarketData.Trading;
using Releat.Signal.Core.Policy;

namespace Releat.Live;

/// <summary>What the embedded live path trades with: a loaded policy, where the trade journal goes, the paper account.</summary>
public sealed record EmbeddedLiveOptions
{
    /// <summary>The agent's checkpoint, loaded (AgentPolicy.Load); its config also gives the trader's rules and sizes.</summary>
    public required AgentPolicy Policy { get; init; }

    /// <summary>Folder for the trade journal (journal.jsonl); created.</summary>
    public required string Folder { get; init; }

    public BrokerSettings Broker { get; init; } = new() { InitialBalance = 10_000, Mode = AccountMode.Hedging };

    public SymbolCatalog Symbols { get; init; } = SymbolCatalog.Defaults;

    /// <summary>Decisions before this market time feed the features (warm-up) but are not published or traded.</summary>
    public long TradeFromMs { get; init; } = long.MinValue;

    public ILoggerFactory? Logging { get; init; }
}
