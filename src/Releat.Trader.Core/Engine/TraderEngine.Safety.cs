using Microsoft.Extensions.Logging;
using Releat.MarketData;
using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Journal;
using Releat.Trader.Core.Orders;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Engine;

public sealed partial class TraderEngine
{
    private IReadOnlyList<V1.Position> _brokerPositions = [];
    private double _equity = double.NaN;
    private double _dayStartEquity = double.NaN;
    private long _day = long.MinValue;
    private long _lastRefresh;
    private string? _pauseReason;
    private long _pausedForDay = long.MinValue;
    private bool _killSwitch;
    private string? _killReason;

    /// <summary>Paused by an operator (until resumed) or by the account's daily loss limit (until the next UTC day).</summary>
    private bool IsPaused => _pauseReason is not null && (_pausedForDay == long.MinValue || _pausedForDay == _day);

    /// <summary>Stops acting on new signals; open positions stay open.</summary>
    public async Task<V1.TraderStatus> PauseAsync(string reason, CancellationToken cancellation = default)
    {
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            EnsureReplayed();
            Pause(string.IsNullOrWhiteSpace(reason) ? "operator" : reason, untilDay: long.MinValue);
        }
        finally
        {
            FinishCall();
            _gate.Release();
        }

        return Status;
    }

    /// <summary>Acts on signals again. Refused while the kill switch is engaged.</summary>
    /// <exception cref="InvalidOperationException">The kill switch is engaged.</exception>
    public async Task<V1.TraderStatus> ResumeAsync(CancellationToken cancellation = default)
    {
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            EnsureReplayed();
            if (_killSwitch)
            {
                throw new InvalidOperationException($"kill switch engaged ({_killReason}): release it before resuming");
            }

            if (_pauseReason is not null)
            {
                _journal.Append(new JournalEntry { Kind = JournalKinds.Resume, Wall = WallNow(), MarketMs = _market.NowMs });
                _pauseReason = null;
                _pausedForDay = long.MinValue;
                _log.Resumed();
            }
        }
        finally
        {
            FinishCall();
            _gate.Release();
        }

        return Status;
    }

    /// <summary>Closes every position the trader opened and pauses. Returns the gateway's answers.</summary>
    public async Task<IReadOnlyList<V1.OrderResult>> FlattenAllAsync(string reason, CancellationToken cancellation = default)
    {
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            EnsureReplayed();
            reason = string.IsNullOrWhiteSpace(reason) ? "flatten requested" : reason;
            Pause(reason, untilDay: long.MinValue);
            return await FlattenAsync(_books.Values, "flat", ClientOrderIds.Flatten, reason, cancellation).ConfigureAwait(false);
        }
        finally
        {
            FinishCall();
            _gate.Release();
        }
    }

    /// <summary>Engages the kill switch: closes everything, refuses every signal and any resume until released.</summary>
    public async Task EngageKillSwitchAsync(string reason, CancellationToken cancellation = default)
    {
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            EnsureReplayed();
            await KillAsync(string.IsNullOrWhiteSpace(reason) ? "operator" : reason, cancellation).ConfigureAwait(false);
        }
        finally
        {
            FinishCall();
            _gate.Release();
        }
    }

    /// <summary>Releases the kill switch (trading stays paused until resumed). Refused while the kill switch file exists.</summary>
    public async Task ReleaseKillSwitchAsync(CancellationToken cancellation = default)
    {
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            EnsureReplayed();
            if (_killSwitchFile is not null && File.Exists(_killSwitchFile))
            {
                throw new InvalidOperationException($"kill switch file {_killSwitchFile} still exists: delete it to release");
            }

            if (_killSwitch)
            {
                _journal.Append(new JournalEntry { Kind = JournalKinds.KillReleased, Wall = WallNow(), MarketMs = _market.NowMs });
                _killSwitch = false;
                _killReason = null;
            }
        }
        finally
        {
            FinishCall();
            _gate.Release();
        }
    }

    /// <summary>
    /// Re-reads the broker's positions and the account, reconciles the books, starts a new UTC day when the market
    /// clock crossed midnight, then enforces the kill switch file, the loss limits and the operating rules' forced
    /// closes. Runs under the gate.
    /// </summary>
    private async Task RefreshAsync(CancellationToken cancellation)
    {
        var positions = await _gateway.GetPositionsAsync(cancellation).ConfigureAwait(false);
        var account = await _gateway.GetAccountAsync(cancellation).ConfigureAwait(false);
        _lastRefresh = _wall.GetTimestamp();
        if (account.Time is not null)
        {
            // The gateway's account time is its market time: a clock for a trader that has seen no tick yet.
            _market.Advance(ContractTime.ToMilliseconds(account.Time));
        }

        _brokerPositions = positions;
        _equity = account.Equity;
        var byId = positions.ToDictionary(p => p.PositionId);
        foreach (var book in _books.Values)
        {
            foreach (var (positionId, lots, note) in book.Reconcile(byId))
            {
                _log.Reconciled(book.Agent.AgentId, note);
                _journal.Append(new JournalEntry
                {
                    Kind = JournalKinds.Reconcile, Wall = WallNow(), MarketMs = _market.NowMs, Agent = book.Agent.AgentId,
                    PositionId = positionId, Lots = lots, Message = note,
                });
            }
        }

        long now = MarketNowOrWall();
        long day = UtcTime.DayIndex(now);
        if (day != _day)
        {
            StartDay(day, now);
        }

        if (!_killSwitch && _killSwitchFile is not null && File.Exists(_killSwitchFile))
        {
            await KillAsync($"kill switch file {_killSwitchFile}", cancellation).ConfigureAwait(false);
        }

        await EnforceLossLimitsAsync(now, cancellation).ConfigureAwait(false);
        await EnforceOperatingRulesAsync(now, cancellation).ConfigureAwait(false);
    }

    private void StartDay(long day, long now)
    {
        _day = day;
        if (_pauseReason is not null && _pausedForDay != long.MinValue && _pausedForDay < day)
        {
            // A pause for the account's daily loss limit lasts the day it happened.
            _journal.Append(new JournalEntry { Kind = JournalKinds.Resume, Wall = WallNow(), MarketMs = now, Reason = "new UTC day" });
            _pauseReason = null;
            _pausedForDay = long.MinValue;
            _log.Resumed();
        }

        _dayStartEquity = _equity;
        foreach (var book in _books.Values)
        {
            book.StartDay(day);
        }

        _journal.Append(new JournalEntry
        {
            Kind = JournalKinds.Day, Wall = WallNow(), MarketMs = now, Day = day, Equity = _equity,
            Baselines = _books.Values.ToDictionary(b => b.Agent.AgentId, b => b.UnrealizedAtDayStart, StringComparer.Ordinal),
        });
    }

    private async Task EnforceLossLimitsAsync(long now, CancellationToken cancellation)
    {
        foreach (var book in _books.Values)
        {
            double limit = book.Agent.DailyLossLimit;
            if (limit > 0 && book.PausedForDay != _day && book.DailyPnl <= -limit)
            {
                _log.AgentStoppedForDay(book.Agent.AgentId, book.DailyPnl, limit);
                book.PausedForDay = _day;
                _journal.Append(new JournalEntry
                {
                    Kind = JournalKinds.AgentPaused, Wall = WallNow(), MarketMs = now, Agent = book.Agent.AgentId, Day = _day,
                    Reason = "daily loss limit", Equity = book.DailyPnl,
                });
                await FlattenAsync([book], "loss", ClientOrderIds.DailyLoss, "daily loss limit", cancellation).ConfigureAwait(false);
            }
        }

        double accountLimit = _risk.AccountDailyLossLimit;
        if (accountLimit > 0 && _pausedForDay != _day && _equity - _dayStartEquity <= -accountLimit)
        {
            Pause($"account daily loss limit: {_equity - _dayStartEquity:0.##} of -{accountLimit}", untilDay: _day);
            await FlattenAsync(_books.Values, "loss", ClientOrderIds.DailyLoss, "account daily loss limit", cancellation).ConfigureAwait(false);
        }
    }

    private async Task EnforceOperatingRulesAsync(long now, CancellationToken cancellation)
    {
        foreach (var book in _books.Values)
        {
            if (!book.IsFlat && _rules.MustClose(book.Holding, now, out string reason))
            {
                _log.ForcedClose(book.Agent.AgentId, reason);
                await FlattenAsync([book], "rule", ClientOrderIds.OperatingRule, reason, cancellation).ConfigureAwait(false);
            }
        }
    }

    private async Task KillAsync(string reason, CancellationToken cancellation)
    {
        if (!_killSwitch)
        {
            _log.KillSwitchEngaged(reason);
            _journal.Append(new JournalEntry { Kind = JournalKinds.Kill, Wall = WallNow(), MarketMs = _market.NowMs, Reason = reason });
            _killSwitch = true;
            _killReason = reason;
        }

        await FlattenAsync(_books.Values, "kill", ClientOrderIds.KillSwitch, reason, cancellation).ConfigureAwait(false);
    }

    private void Pause(string reason, long untilDay)
    {
        _journal.Append(new JournalEntry
        {
            Kind = JournalKinds.Pause, Wall = WallNow(), MarketMs = _market.NowMs, Reason = reason,
            Day = untilDay == long.MinValue ? null : untilDay,
        });
        _pauseReason = reason;
        _pausedForDay = untilDay;
        _log.Paused(reason);
    }

    /// <summary>Closes all positions of the given agents in one batch, journaled like a signal's.</summary>
    private async Task<IReadOnlyList<V1.OrderResult>> FlattenAsync(
        IEnumerable<AgentBook> books, string kind, string tag, string reason, CancellationToken cancellation)
    {
        var holding = books.Where(b => !b.IsFlat).ToList();
        if (holding.Count == 0)
        {
            return [];
        }

        // Ids come from market time; a second flatten in the same millisecond moves on to the next one.
        long time = MarketNowOrWall();
        string scope = holding.Count == 1 ? holding[0].Agent.AgentId : "all";
        while (_batches.ContainsKey(BatchKeys.Other(kind, scope, time)))
        {
            time++;
        }

        var batch = BatchOf(BatchKeys.Other(kind, scope, time));
        foreach (var book in holding)
        {
            var intents = CloseIntents(book, batch.Key, tag, time, book.Lots, Math.Abs(book.Units));
            int firstLeg = batch.Intents.Count;
            batch.Intents.AddRange(intents.Select(i => i with { Leg = firstLeg + i.Leg }));
        }

        _journal.Append([.. batch.Intents.Select(i => IntentEntry(i, time))]);
        return await ExecuteBatchAsync(batch, new JournalEntry { Kind = JournalKinds.Done, Reason = reason, Outcome = "acted" }, cancellation)
            .ConfigureAwait(false);
    }
}
