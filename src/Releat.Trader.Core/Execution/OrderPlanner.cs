using Releat.Agents.Config;
using Releat.MarketData.Model;
using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Market;
using Releat.Trader.Core.Orders;
using Releat.Trader.Core.Risk;
using Releat.Trader.Core.Rules;

namespace Releat.Trader.Core.Execution;

/// <summary>
/// Turns an agent's open or close action into orders: the operating rules asked at the decision's time (as the
/// environment asked them while the policy learned), the agent's position cap, the size from the sizer, the risk
/// engine's exposure limits, and closes split over the agent's positions oldest first.
/// </summary>
internal sealed class OrderPlanner(IOperatingRules rules, PositionSizer sizer, SymbolCatalog symbols, RiskEngine risk, MarketWatch market)
{
    public OrderPlan Plan(AgentBook book, string key, long decisionMs, AgentAction action) =>
        action.Kind is AgentActionKind.OpenLong or AgentActionKind.OpenShort
            ? PlanOpen(book, key, decisionMs, action)
            : PlanClose(book, key, decisionMs, action);

    /// <summary>Closing orders for <paramref name="lots"/> of the agent's positions, oldest first, one leg per position.</summary>
    public static List<OrderIntent> CloseIntents(AgentBook book, string key, string tag, long timeMs, double lots, int units)
    {
        var intents = new List<OrderIntent>();
        double left = lots;
        foreach (var position in book.Positions.OrderBy(p => p.OpenTimeMs).ThenBy(p => p.PositionId))
        {
            if (left <= AgentBook.LotTolerance)
            {
                break;
            }

            double take = Math.Min(position.Lots, left);
            int leg = intents.Count;
            string id = ClientOrderIds.For(book.Agent.AgentId, tag, timeMs, leg);
            intents.Add(new OrderIntent(
                key, leg, id, book.Agent.AgentId, book.Agent.Symbol, OrderIntentKind.Close, position.Side, Math.Round(take, 8),
                leg == 0 ? units : 0, position.PositionId));
            left -= take;
        }

        return intents;
    }

    private OrderPlan PlanOpen(AgentBook book, string key, long decisionMs, AgentAction action)
    {
        var agent = book.Agent;
        int side = action.Kind == AgentActionKind.OpenLong ? 1 : -1;
        if (!book.IsFlat && book.Side != side)
        {
            return OrderPlan.Refused(RejectReasons.OppositePosition, $"holds {book.SignedLots} lots");
        }

        if (!rules.MayOpen(agent.AgentId, decisionMs, out string why))
        {
            return OrderPlan.Refused(RejectReasons.OperatingRules, why);
        }

        // The agent's max_position caps units: an order that would exceed it is cut to what is left.
        int units = Math.Min(action.Units, agent.MaxPositionUnits - Math.Abs(book.Units));
        if (units <= 0)
        {
            return OrderPlan.Refused(RejectReasons.MaxPosition, $"holds {Math.Abs(book.Units)} of {agent.MaxPositionUnits} units");
        }

        var spec = symbols[agent.Symbol];
        double lots = sizer.LotsToOpen(units, agent.LotSizePerUnit, risk.Equity, market.VolatilityPerMinute(agent.Symbol), spec);
        if (lots <= 0)
        {
            return OrderPlan.Refused(RejectReasons.SizeBelowMinimum, $"{units} units size below {spec.VolumeMin} lots");
        }

        if (risk.ExposureBreach(agent.Symbol, lots) is { } breach)
        {
            return OrderPlan.Refused(breach.Reason, breach.Detail);
        }

        string id = ClientOrderIds.For(agent.AgentId, ClientOrderIds.Signal, decisionMs, 0);
        return new OrderPlan([new OrderIntent(key, 0, id, agent.AgentId, agent.Symbol, OrderIntentKind.Open, side, lots, units, 0)], "", "");
    }

    private OrderPlan PlanClose(AgentBook book, string key, long decisionMs, AgentAction action)
    {
        int side = action.Kind == AgentActionKind.CloseLong ? 1 : -1;
        if (book.IsFlat || book.Side != side)
        {
            return OrderPlan.Refused(RejectReasons.NothingToClose, $"holds {book.SignedLots} lots");
        }

        if (!rules.MayClose(book.Holding, decisionMs, out string why))
        {
            return OrderPlan.Refused(RejectReasons.OperatingRules, why);
        }

        int held = Math.Max(1, Math.Abs(book.Units));
        int units = Math.Min(action.Units, held);
        var spec = symbols[book.Agent.Symbol];
        double lots = units == held ? book.Lots : PositionSizer.RoundDown(book.Lots * units / held, spec.VolumeStep);
        if (lots + AgentBook.LotTolerance < spec.VolumeMin)
        {
            return OrderPlan.Refused(RejectReasons.SizeBelowMinimum, $"{units} of {held} units is {lots} lots");
        }

        return new OrderPlan(CloseIntents(book, key, ClientOrderIds.Signal, decisionMs, lots, units), "", "");
    }
}
