using Releat.Agents.Config;
using Releat.Trader.Core.Orders;

namespace Releat.Trader.Core.Agents;

/// <summary>
/// What the trader needs of one agent's config: the symbol it trades, its action list (to read a decision's action
/// index), and its trading section: lots per policy unit, the largest position in units, the daily loss limit
/// (account currency, 0 = none) and the age after which a signal is stale.
/// </summary>
public sealed record TradedAgent(
    string AgentId,
    string Symbol,
    IReadOnlyList<AgentAction> Actions,
    double LotSizePerUnit,
    int MaxPositionUnits,
    double DailyLossLimit,
    TimeSpan StaleSignalAge)
{
    /// <summary>MT5's magic number for the agent's orders: a stable hash of its id (FNV-1a, 31 bits).</summary>
    public long Magic
    {
        get
        {
            uint hash = 2166136261;
            foreach (char c in AgentId)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash & 0x7FFF_FFFF;
        }
    }

    public static TradedAgent From(AgentConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var trading = config.Trading;
        var agent = new TradedAgent(
            config.Id, config.TradedSymbol, config.Environment.Actions.Actions, trading.LotSizePerUnit, trading.MaxPosition,
            trading.DailyLossLimit, trading.StaleSignalAge);
        agent.Validate(config.SourceFile);
        return agent;
    }

    /// <summary>Checks what the trader relies on; <paramref name="source"/> names the config file in the message.</summary>
    public void Validate(string source)
    {
        if (string.IsNullOrEmpty(AgentId) || AgentId.Length > ClientOrderIds.MaxAgentIdLength)
        {
            throw new ArgumentException(
                $"{source}: agent '{AgentId}': the trader needs ids of 1 to {ClientOrderIds.MaxAgentIdLength} characters " +
                $"to fit MT5's {ClientOrderIds.MaxLength}-character client order ids");
        }

        if (!(LotSizePerUnit > 0) || MaxPositionUnits <= 0 || DailyLossLimit < 0 || StaleSignalAge <= TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"{source}: trading: lot_size_per_unit and max_position must be positive, daily_loss_limit at least 0 and " +
                $"stale_signal_age positive (got {LotSizePerUnit}, {MaxPositionUnits}, {DailyLossLimit}, {StaleSignalAge})");
        }

        if (Actions.Count == 0 || Actions[0].Kind != AgentActionKind.Hold)
        {
            throw new ArgumentException($"{source}: environment.actions: action 0 must be hold");
        }
    }
}
