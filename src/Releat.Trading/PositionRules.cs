using Releat.Agents.Config;
using Releat.Features.Drivers;
using Releat.Features.Engine;
using Releat.MarketData.Calendar;
using Releat.MarketData.Model;
using Releat.MarketData.Time;

namespace Releat.Trading;

/// <summary>
/// The execution rules of one agent, shared by the training environment, backtests and the live trader so all three
/// act alike: which actions are allowed for a position at a time (no adding or reversing while open, a minimum hold,
/// no opening near a market or session close), when a position must be closed (maximum hold, weekend, session end,
/// end of data), where a stop fills, and what a round turn costs. Times are UTC milliseconds; prices are quotes.
/// </summary>
public sealed class PositionRules
{
    private readonly MarketCalendar _calendar;
    private readonly TradingSession[] _sessions;
    private readonly long _dayEndMsOfDay;
    private readonly long _closeBeforeWeekendMs;
    private readonly long _closeBeforeSessionMs;

    public PositionRules(
        EnvironmentConfig environment, MarketCalendar calendar, TimeOnly dayEnd, IReadOnlyList<TradingSession> sessions, double pipSize)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(sessions);
        if (!(pipSize > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(pipSize), pipSize, "the traded symbol's pip size must be positive");
        }

        Actions = ActionTable.For(environment.Actions);
        _calendar = calendar;
        _sessions = [.. sessions];
        _dayEndMsOfDay = dayEnd.ToTimeSpan().Ticks / TimeSpan.TicksPerMillisecond;
        _closeBeforeWeekendMs = (long)environment.CloseBeforeWeekend.TotalMilliseconds;
        _closeBeforeSessionMs = (long)environment.CloseBeforeSessionEnd.TotalMilliseconds;
        PipSize = pipSize;
        StopPips = environment.StopPips;
        CommissionPips = environment.CommissionPips;
        MinHoldMs = (long)environment.MinHold.TotalMilliseconds;
        MaxHoldMs = (long)environment.MaxHold.TotalMilliseconds;
    }

    /// <summary>The rules of an agent config: its environment section, market hours, trading sessions and symbol.</summary>
    public static PositionRules For(AgentConfig config, SymbolCatalog? symbols = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        symbols ??= SymbolCatalog.Defaults;
        if (!symbols.TryGet(config.TradedSymbol, out SymbolSpec spec))
        {
            throw new ArgumentException($"{config.SourceFile}: raw_data.symbols: no symbol spec for '{config.TradedSymbol}'", nameof(config));
        }

        return new PositionRules(
            config.Environment, FeaturePlan.CalendarOf(config.RawData.Market), config.RawData.Market.DayEnd, config.Trading.Sessions, spec.PipSize);
    }

    public ActionTable Actions { get; }

    public double PipSize { get; }

    /// <summary>Loss in pips at which a position is stopped out; 0 means no stop.</summary>
    public double StopPips { get; }

    /// <summary>Charged per unit on every round turn, in pips, when the position closes.</summary>
    public double CommissionPips { get; }

    public long MinHoldMs { get; }

    /// <summary>A position is closed once held this long; 0 means no limit.</summary>
    public long MaxHoldMs { get; }

    /// <summary>
    /// What the calendar allows at <paramref name="nowMs"/>: opening needs an open market, a trading session (when the
    /// agent has any) and enough time before the weekend or session close for the configured margins.
    /// </summary>
    public ClockStatus StatusAt(long nowMs)
    {
        if (!_calendar.IsOpen(nowMs))
        {
            return new ClockStatus(false, ExitReason.Weekend);
        }

        if (_closeBeforeWeekendMs > 0 && _calendar.NextClose(nowMs) - nowMs <= _closeBeforeWeekendMs)
        {
            return new ClockStatus(false, ExitReason.Weekend);
        }

        bool inSession = _sessions.Length == 0 || InAnySession(nowMs);
        if (_closeBeforeSessionMs > 0 && (!inSession || SessionEndAfter(nowMs) - nowMs <= _closeBeforeSessionMs))
        {
            return new ClockStatus(false, ExitReason.SessionEnd);
        }

        return new ClockStatus(inSession, ExitReason.None);
    }

    /// <summary>
    /// Why <paramref name="position"/> must be closed at this decision, or <see cref="ExitReason.None"/>: the
    /// calendar (weekend, session end), the maximum hold, or the last decision of the data or episode.
    /// </summary>
    public ExitReason ForcedExit(in AgentPosition position, long nowMs, ClockStatus status, bool finalDecision)
    {
        if (position.IsFlat)
        {
            return ExitReason.None;
        }

        if (status.ForcedExit != ExitReason.None)
        {
            return status.ForcedExit;
        }

        if (MaxHoldMs > 0 && position.HeldMs(nowMs) >= MaxHoldMs)
        {
            return ExitReason.MaxHold;
        }

        return finalDecision ? ExitReason.EndOfData : ExitReason.None;
    }

    /// <summary>The same, asking the calendar now (the live trader's form; the environment caches the status per row).</summary>
    public ExitReason ForcedExit(in AgentPosition position, long nowMs) => ForcedExit(position, nowMs, StatusAt(nowMs), finalDecision: false);

    /// <summary>
    /// The allowed actions as bits (bit i = action i of <see cref="Actions"/>). Flat: hold, and opening any size on
    /// either side when the clock allows and this is not the final decision. Open: only the full close when a close
    /// is forced; otherwise hold, and closing 1..size units once the minimum hold has passed.
    /// </summary>
    public ulong AllowedActions(in AgentPosition position, long nowMs, ClockStatus status, bool finalDecision)
    {
        ulong allowed = 1UL << ActionTable.HoldIndex;
        if (position.IsFlat)
        {
            if (status.MayOpen && !finalDecision)
            {
                for (int units = 1; units <= Actions.MaxUnits; units++)
                {
                    allowed |= (1UL << ActionTable.OpenLong(units)) | (1UL << ActionTable.OpenShort(units));
                }
            }

            return allowed;
        }

        int side = position.Side;
        int size = Math.Min(position.Size, Actions.MaxUnits);
        if (ForcedExit(position, nowMs, status, finalDecision) != ExitReason.None)
        {
            return 1UL << ActionTable.Close(side, size);
        }

        if (position.HeldMs(nowMs) >= MinHoldMs)
        {
            for (int units = 1; units <= size; units++)
            {
                allowed |= 1UL << ActionTable.Close(side, units);
            }
        }

        return allowed;
    }

    /// <summary>The allowed actions asking the calendar now.</summary>
    public ulong AllowedActions(in AgentPosition position, long nowMs) => AllowedActions(position, nowMs, StatusAt(nowMs), finalDecision: false);

    /// <summary>Expands <see cref="AllowedActions(in AgentPosition, long)"/> bits into a mask (true = allowed).</summary>
    public static void WriteMask(ulong allowed, Span<bool> mask)
    {
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = ((allowed >> i) & 1) != 0;
        }
    }

    /// <summary>The quote at which the stop closes a position (bid for a long, ask for a short); NaN without a stop.</summary>
    public double StopPrice(in AgentPosition position) =>
        StopPips > 0 && !position.IsFlat ? position.EntryPrice - (position.Side * StopPips * PipSize) : double.NaN;

    /// <summary>
    /// Whether the stop is reached within a window, and at which price: the stop level, or the middle of the exit
    /// side's range when the whole window lies beyond it (a gap, where the first quote, unknown here, fills the stop).
    /// </summary>
    public bool TryStop(in AgentPosition position, in ExecutionRange window, out double exitPrice)
    {
        exitPrice = double.NaN;
        if (StopPips <= 0 || position.IsFlat)
        {
            return false;
        }

        double level = StopPrice(position);
        if (position.Side > 0)
        {
            if (window.BidLow > level)
            {
                return false;
            }

            exitPrice = window.BidHigh < level ? 0.5 * (window.BidLow + window.BidHigh) : level;
            return true;
        }

        if (window.AskHigh < level)
        {
            return false;
        }

        exitPrice = window.AskLow > level ? 0.5 * (window.AskLow + window.AskHigh) : level;
        return true;
    }

    /// <summary>Net pips of closing <paramref name="units"/> of a position at <paramref name="exitPrice"/>: gross move less commission, times units.</summary>
    public double NetPips(in AgentPosition position, int units, double exitPrice) =>
        units * (position.PipsPerUnit(exitPrice, PipSize) - CommissionPips);

    private bool InAnySession(long nowMs)
    {
        foreach (TradingSession session in _sessions)
        {
            if (session.Contains(nowMs))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The end of the trading session containing the time: its window's end, or the next day end without sessions.</summary>
    private long SessionEndAfter(long nowMs)
    {
        long dayStart = UtcTime.DayStart(nowMs);
        if (_sessions.Length == 0)
        {
            long end = dayStart + _dayEndMsOfDay;
            return end > nowMs ? end : end + UtcTime.MsPerDay;
        }

        foreach (TradingSession session in _sessions)
        {
            if (session.Contains(nowMs))
            {
                return dayStart + (session.Hours.EndMinute * UtcTime.MsPerMinute);
            }
        }

        return nowMs;
    }
}
