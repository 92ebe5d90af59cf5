using Microsoft.Extensions.Logging;
using Releat.MarketData.Model;
using Releat.Trader.Core.Risk;
using Releat.Trader.Core.Rules;

namespace Releat.Trader.Core.Engine;

/// <summary>What the engine needs besides its agents, gateway, journal and market: rules, limits, and where things come from.</summary>
public sealed class TraderEngineOptions
{
    public RiskSettings Risk { get; init; } = new();

    /// <summary>The agents' operating rules; none (everything allowed) when null.</summary>
    public IOperatingRules? Rules { get; init; }

    /// <summary>While this file exists the kill switch is engaged: everything is closed and nothing is traded.</summary>
    public string? KillSwitchFile { get; init; }

    public SymbolCatalog? Symbols { get; init; }

    public TraderMetrics? Metrics { get; init; }

    public ILogger? Logger { get; init; }

    /// <summary>The machine's clock, used only for refresh intervals and the journal's wall time, never for staleness.</summary>
    public TimeProvider? WallClock { get; init; }
}
