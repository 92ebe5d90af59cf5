using Releat.Trader.Core.Orders;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Agents;

/// <summary>
/// What the trader knows one agent holds and has done: its policy units, its broker positions, counters for the
/// status, and its P&amp;L of the UTC day. Daily P&amp;L = realised today (closing profit and every commission of fills
/// today) + floating now - floating at the day's start: a position carried over midnight counts only what it made
/// since, and closing it moves its profit from floating to realised without counting it twice.
/// </summary>
public sealed class AgentBook(TradedAgent agent)
{
    /// <summary>Volumes closer than this are equal: the trader's lots carry at most 8 decimals.</summary>
    internal const double LotTolerance = 1e-9;

    private readonly List<HeldPosition> _positions = [];
    private readonly Dictionary<string, (double Filled, double Realized)> _applied = new(StringComparer.Ordinal);

    public TradedAgent Agent { get; } = agent;

    /// <summary>Signed policy units (long positive).</summary>
    public int Units { get; private set; }

    public IReadOnlyList<HeldPosition> Positions => _positions;

    public double Lots => _positions.Sum(p => p.Lots);

    /// <summary>Signed lots (long positive).</summary>
    public double SignedLots => _positions.Sum(p => p.Side * p.Lots);

    public int Side => Math.Sign(Units) != 0 ? Math.Sign(Units) : _positions.Count > 0 ? _positions[0].Side : 0;

    public bool IsFlat => _positions.Count == 0;

    public long LastSignalMs { get; set; }

    public long LastOrderMs { get; set; }

    public long SignalsActed { get; set; }

    public long SignalsRejected { get; set; }

    /// <summary>UTC day index (days since 1970) the P&amp;L figures belong to.</summary>
    public long Day { get; private set; } = long.MinValue;

    public double RealizedToday { get; private set; }

    public double UnrealizedAtDayStart { get; private set; }

    public double Unrealized => _positions.Sum(p => p.Unrealized);

    public double DailyPnl => RealizedToday + Unrealized - UnrealizedAtDayStart;

    /// <summary>The day trading stopped for after the daily loss limit; trading resumes the next UTC day.</summary>
    public long PausedForDay { get; set; } = long.MinValue;

    public AgentHolding Holding => new(
        Agent.AgentId, Agent.Symbol, Units, Lots, _positions.Count == 0 ? 0 : _positions.Min(p => p.OpenTimeMs),
        Lots > 0 ? _positions.Sum(p => p.OpenPrice * p.Lots) / Lots : 0);

    /// <summary>Starts a UTC day: nothing realised yet, today's floating P&amp;L measured from now (or the journaled baseline).</summary>
    public void StartDay(long day, double? unrealizedBaseline = null)
    {
        Day = day;
        RealizedToday = 0;
        UnrealizedAtDayStart = unrealizedBaseline ?? Unrealized;
    }

    /// <summary>
    /// Applies an order's result, once per fill: a repeated or re-sent result adds only what was filled since. Fills
    /// of an earlier day than the book's are not counted in today's realised P&amp;L.
    /// </summary>
    public void Apply(OrderIntent intent, V1.OrderResult result, long fillDay)
    {
        ArgumentNullException.ThrowIfNull(intent);
        ArgumentNullException.ThrowIfNull(result);
        var (filledBefore, realizedBefore) = _applied.GetValueOrDefault(intent.ClientOrderId);
        double realized = result.Profit - result.Commission;
        double delta = result.FilledVolume - filledBefore;
        if (delta <= LotTolerance && realized == realizedBefore)
        {
            return;
        }

        _applied[intent.ClientOrderId] = (Math.Max(filledBefore, result.FilledVolume), realized);
        if (fillDay == Day)
        {
            RealizedToday += realized - realizedBefore;
        }

        if (delta <= LotTolerance)
        {
            return;
        }

        bool firstFill = filledBefore <= LotTolerance;
        if (intent.Kind == OrderIntentKind.Open)
        {
            Add(result.PositionId, intent.PositionSide, delta, ContractTime.ToMilliseconds(result.FillTime), result.FillPrice);
            Units += firstFill ? intent.PositionSide * intent.Units : 0;
        }
        else
        {
            Reduce(intent.PositionId != 0 ? intent.PositionId : result.PositionId, delta);
            Units -= firstFill ? intent.PositionSide * intent.Units : 0;
        }

        KeepUnitsConsistent();
    }

    /// <summary>
    /// Brings the book in line with the broker's positions: positions gone (a stop, a stop-out, a manual close) leave
    /// the book with their last floating P&amp;L realised; volumes and floating P&amp;L are taken from the broker.
    /// Returns each position whose lots changed, with its lots now (0 when gone), for the journal.
    /// </summary>
    public List<(long PositionId, double Lots, string Note)> Reconcile(IReadOnlyDictionary<long, V1.Position> broker)
    {
        ArgumentNullException.ThrowIfNull(broker);
        var differences = new List<(long, double, string)>();
        for (int i = _positions.Count - 1; i >= 0; i--)
        {
            var held = _positions[i];
            if (!broker.TryGetValue(held.PositionId, out var position))
            {
                RealizedToday += held.Unrealized;
                _positions.RemoveAt(i);
                differences.Add((held.PositionId, 0, $"position {held.PositionId} ({held.Lots} lots) closed outside the trader"));
                continue;
            }

            if (Math.Abs(position.Volume - held.Lots) > LotTolerance)
            {
                differences.Add((held.PositionId, position.Volume, $"position {held.PositionId}: {held.Lots} lots in the book, {position.Volume} at the broker"));
            }

            _positions[i] = held with { Lots = position.Volume, Unrealized = position.Profit + position.Swap };
        }

        KeepUnitsConsistent();
        return differences;
    }

    /// <summary>Sets a position's lots as the journal recorded a reconciliation (replay).</summary>
    public void SetLots(long positionId, double lots)
    {
        int index = _positions.FindIndex(p => p.PositionId == positionId);
        if (index < 0)
        {
            return;
        }

        if (lots <= LotTolerance)
        {
            _positions.RemoveAt(index);
        }
        else
        {
            _positions[index] = _positions[index] with { Lots = lots };
        }

        KeepUnitsConsistent();
    }

    private void Add(long positionId, int side, double lots, long openTimeMs, double price)
    {
        int index = _positions.FindIndex(p => p.PositionId == positionId);
        if (index < 0)
        {
            _positions.Add(new HeldPosition(positionId, side, lots, openTimeMs, price));
            return;
        }

        var held = _positions[index];
        double total = held.Lots + lots;
        _positions[index] = held with { Lots = total, OpenPrice = ((held.OpenPrice * held.Lots) + (price * lots)) / total };
    }

    private void Reduce(long positionId, double lots)
    {
        int index = _positions.FindIndex(p => p.PositionId == positionId);
        if (index < 0)
        {
            return;
        }

        var held = _positions[index];
        double left = held.Lots - lots;
        if (left <= LotTolerance)
        {
            _positions.RemoveAt(index);
        }
        else
        {
            // The floating P&L shrinks with the volume; the closed share is in the fill's realised profit.
            _positions[index] = held with { Lots = left, Unrealized = held.Unrealized * left / held.Lots };
        }
    }

    /// <summary>
    /// Units follow the policy's orders, lots the broker. When they disagree (a close that filled on one leg only, a
    /// position stopped out) the lots win: no lots means no units, lots without units count as one unit.
    /// </summary>
    private void KeepUnitsConsistent()
    {
        if (_positions.Count == 0)
        {
            Units = 0;
        }
        else if (Units == 0 || Math.Sign(Units) != _positions[0].Side)
        {
            Units = _positions[0].Side;
        }
    }
}
