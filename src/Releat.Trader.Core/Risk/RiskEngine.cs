using Microsoft.Extensions.Logging;
using Releat.MarketData.Time;
using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Engine;
using Releat.Trader.Core.Journal;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Risk;

/// <summary>
/// Owns the trading state, as NautilusTrader's risk engine does: paused (by an operator until resumed, or by the
/// account's daily loss limit until the next UTC day), the kill switch, the UTC day and the equity it started with,
/// the broker's positions and account as last read, the agents stopped for the day, and the exposure limits an order
/// must fit. Every change is journaled here and <see cref="Replay"/> rebuilds it from those lines. It decides what
/// must be closed; the execution engine closes it.
/// </summary>
internal sealed class RiskEngine(
    RiskSettings settings, AgentBooks books, TradeJournal journal, TraderClock clock, ILogger log, string? killSwitchFile)
{
    private double _dayStartEquity = double.NaN;
    private string? _pauseReason;
    private long _pausedForDay = long.MinValue;
    private string? _killReason;

    /// <summary>The UTC day index (days since 1970) of the market clock at the last refresh.</summary>
    public long Day { get; private set; } = long.MinValue;

    /// <summary>The account's equity at the last refresh; NaN before the first.</summary>
    public double Equity { get; private set; } = double.NaN;

    /// <summary>The broker's positions at the last refresh.</summary>
    public IReadOnlyList<V1.Position> BrokerPositions { get; private set; } = [];

    public bool KillSwitch { get; private set; }

    /// <summary>Paused by an operator (until resumed) or by the account's daily loss limit (until the next UTC day).</summary>
    public bool IsPaused => _pauseReason is not null && (_pausedForDay == long.MinValue || _pausedForDay == Day);

    /// <summary>Stops acting on new signals until resumed (or, with a day, until that UTC day is over).</summary>
    public void Pause(string reason, long untilDay = long.MinValue)
    {
        journal.Append(new JournalEntry
        {
            Kind = JournalKinds.Pause, Wall = clock.WallUtc, MarketMs = clock.MarketMs, Reason = reason,
            Day = untilDay == long.MinValue ? null : untilDay,
        });
        _pauseReason = reason;
        _pausedForDay = untilDay;
        log.Paused(reason);
    }

    /// <exception cref="InvalidOperationException">The kill switch is engaged.</exception>
    public void Resume()
    {
        if (KillSwitch)
        {
            throw new InvalidOperationException($"kill switch engaged ({_killReason}): release it before resuming");
        }

        if (_pauseReason is not null)
        {
            EndPause(clock.MarketMs, reason: null);
        }
    }

    /// <summary>Engages the kill switch (journaled once); the caller closes everything.</summary>
    public void Engage(string reason)
    {
        if (!KillSwitch)
        {
            log.KillSwitchEngaged(reason);
            journal.Append(new JournalEntry { Kind = JournalKinds.Kill, Wall = clock.WallUtc, MarketMs = clock.MarketMs, Reason = reason });
            KillSwitch = true;
            _killReason = reason;
        }
    }

    /// <summary>Releases the kill switch; trading stays paused until resumed.</summary>
    /// <exception cref="InvalidOperationException">The kill switch file still exists.</exception>
    public void Release()
    {
        if (killSwitchFile is not null && File.Exists(killSwitchFile))
        {
            throw new InvalidOperationException($"kill switch file {killSwitchFile} still exists: delete it to release");
        }

        if (KillSwitch)
        {
            journal.Append(new JournalEntry { Kind = JournalKinds.KillReleased, Wall = clock.WallUtc, MarketMs = clock.MarketMs });
            KillSwitch = false;
            _killReason = null;
        }
    }

    /// <summary>The kill switch file exists while the switch is not engaged yet: the reason to engage it.</summary>
    public bool KillSwitchFileAppeared(out string reason)
    {
        // Checked on every refresh; the reason is written only on the rare refresh that finds the file.
        if (KillSwitch || killSwitchFile is null || !File.Exists(killSwitchFile))
        {
            reason = string.Empty;
            return false;
        }

        reason = $"kill switch file {killSwitchFile}";
        return true;
    }

    /// <summary>Takes the broker's positions and the account's equity as just read.</summary>
    public void Observe(IReadOnlyList<V1.Position> positions, double equity)
    {
        BrokerPositions = positions;
        Equity = equity;
    }

    /// <summary>
    /// Starts a new UTC day when the market clock crossed midnight: ends a pause for yesterday's account loss limit,
    /// takes today's starting equity and each agent's floating P&amp;L as its baseline (so call it after the books
    /// were reconciled), and journals the day.
    /// </summary>
    public void TurnDayIfNew(long nowMs)
    {
        long day = UtcTime.DayIndex(nowMs);
        if (day != Day)
        {
            StartDay(day, nowMs);
        }
    }

    /// <summary>
    /// Stops the agent for the day when its daily loss reached its limit (journaled); the caller then closes its
    /// positions. False when it has no limit, is within it or was stopped already.
    /// </summary>
    public bool StopIfOverDailyLimit(AgentBook book, long nowMs)
    {
        double limit = book.Agent.DailyLossLimit;
        // Written as 'not at or below the limit' so that an unknown P&L (NaN) never stops an agent.
        if (limit <= 0 || book.PausedForDay == Day || !(book.DailyPnl <= -limit))
        {
            return false;
        }

        log.AgentStoppedForDay(book.Agent.AgentId, book.DailyPnl, limit);
        book.PausedForDay = Day;
        journal.Append(new JournalEntry
        {
            Kind = JournalKinds.AgentPaused, Wall = clock.WallUtc, MarketMs = nowMs, Agent = book.Agent.AgentId, Day = Day,
            Reason = "daily loss limit", Equity = book.DailyPnl,
        });
        return true;
    }

    /// <summary>Pauses trading for the rest of the day when the account's daily loss reached its limit; the caller then closes everything.</summary>
    public bool PauseIfAccountOverDailyLimit()
    {
        double limit = settings.AccountDailyLossLimit;
        if (limit <= 0 || _pausedForDay == Day || !(Equity - _dayStartEquity <= -limit))
        {
            return false;
        }

        Pause($"account daily loss limit: {Equity - _dayStartEquity:0.##} of -{limit}", untilDay: Day);
        return true;
    }

    /// <summary>Why an opening order of these lots would break the per-symbol or total exposure limit; null when it fits.</summary>
    public (string Reason, string Detail)? ExposureBreach(string symbol, double lots)
    {
        double symbolLots = BrokerPositions.Where(p => p.Symbol == symbol).Sum(p => p.Volume);
        if (settings.MaxLotsPerSymbol > 0 && symbolLots + lots > settings.MaxLotsPerSymbol + AgentBook.LotTolerance)
        {
            return (RejectReasons.MaxSymbolLots, $"{symbolLots} + {lots} lots of {symbol} > {settings.MaxLotsPerSymbol}");
        }

        double totalLots = BrokerPositions.Sum(p => p.Volume);
        if (settings.MaxTotalLots > 0 && totalLots + lots > settings.MaxTotalLots + AgentBook.LotTolerance)
        {
            return (RejectReasons.MaxTotalLots, $"{totalLots} + {lots} lots > {settings.MaxTotalLots}");
        }

        return null;
    }

    /// <summary>Replays one journal line of the trading state; false for lines that are not about it.</summary>
    public bool Replay(JournalEntry entry)
    {
        switch (entry.Kind)
        {
            case JournalKinds.Day when entry.Day is { } day:
                Day = day;
                _dayStartEquity = entry.Equity ?? double.NaN;
                foreach (var book in books.All)
                {
                    book.StartDay(day, entry.Baselines?.GetValueOrDefault(book.Agent.AgentId) ?? 0);
                }

                return true;
            case JournalKinds.Pause:
                _pauseReason = entry.Reason ?? "paused";
                _pausedForDay = entry.Day ?? long.MinValue;
                return true;
            case JournalKinds.Resume:
                _pauseReason = null;
                _pausedForDay = long.MinValue;
                return true;
            case JournalKinds.Kill:
                KillSwitch = true;
                _killReason = entry.Reason;
                return true;
            case JournalKinds.KillReleased:
                KillSwitch = false;
                _killReason = null;
                return true;
            case JournalKinds.AgentPaused when books.Of(entry.Agent) is { } paused:
                paused.PausedForDay = entry.Day ?? long.MinValue;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Writes the trading state into a status snapshot.</summary>
    public void Describe(V1.TraderStatus status)
    {
        status.Paused = IsPaused || KillSwitch;
        status.PauseReason = KillSwitch ? $"kill switch: {_killReason}" : IsPaused ? _pauseReason : "";
        status.KillSwitch = KillSwitch;
        status.Equity = double.IsNaN(Equity) ? 0 : Equity;
        status.DailyPnl = double.IsNaN(Equity) || double.IsNaN(_dayStartEquity) ? 0 : Equity - _dayStartEquity;
        status.TotalExposureLots = BrokerPositions.Sum(p => p.Volume);
    }

    private void StartDay(long day, long nowMs)
    {
        Day = day;
        if (_pauseReason is not null && _pausedForDay != long.MinValue && _pausedForDay < day)
        {
            // A pause for the account's daily loss limit lasts the day it happened.
            EndPause(nowMs, "new UTC day");
        }

        _dayStartEquity = Equity;
        foreach (var book in books.All)
        {
            book.StartDay(day);
        }

        journal.Append(new JournalEntry
        {
            Kind = JournalKinds.Day, Wall = clock.WallUtc, MarketMs = nowMs, Day = day, Equity = Equity,
            Baselines = books.All.ToDictionary(b => b.Agent.AgentId, b => b.UnrealizedAtDayStart, StringComparer.Ordinal),
        });
    }

    private void EndPause(long? marketMs, string? reason)
    {
        journal.Append(new JournalEntry { Kind = JournalKinds.Resume, Wall = clock.WallUtc, MarketMs = marketMs, Reason = reason });
        _pauseReason = null;
        _pausedForDay = long.MinValue;
        log.Resumed();
    }
}
