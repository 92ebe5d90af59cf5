using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Releat.Contracts.Tracing;
using Releat.Contracts.V1;
using Releat.MarketData;
using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Journal;
using Releat.Trader.Core.Market;
using Releat.Trader.Core.Orders;
using Releat.Trader.Core.Risk;
using Releat.Trader.Core.Rules;

namespace Releat.Trader.Core.Engine;

/// <summary>
/// Turns signals into orders. For each signal: skip it if the journal says it was handled (exactly once across
/// redeliveries, duplicates and restarts); refuse it while paused or killed; re-read positions and the account
/// (loss limits, forced closes); refuse it when stale by the market clock; pick the decision that fits the position
/// held; apply the operating rules and risk limits; journal the orders, send them, journal the answers, and mark the
/// signal done. The caller acknowledges the signal on the bus only after this returns. One signal or control call at
/// a time (the engine's gate); status reads never wait.
/// </summary>
public sealed partial class TraderEngine : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, AgentBook> _books = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BatchProgress> _batches = new(StringComparer.Ordinal);
    private readonly IOrderGateway _gateway;
    private readonly TradeJournal _journal;
    private readonly MarketWatch _market;
    private readonly IOperatingRules _rules;
    private readonly RiskSettings _risk;
    private readonly PositionSizer _sizer;
    private readonly SymbolCatalog _symbols;
    private readonly ILogger _log;
    private readonly TimeProvider _wall;
    private readonly string? _killSwitchFile;
    private TraderStatus _status = new();
    private IReadOnlyList<TraderHolding> _holdings = [];
    private bool _replayed;
    private bool _started;

    public TraderEngine(
        IReadOnlyList<TradedAgent> agents,
        IOrderGateway gateway,
        TradeJournal journal,
        MarketWatch market,
        TraderEngineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(market);
        options ??= new TraderEngineOptions();
        options.Risk.Validate();
        _gateway = gateway;
        _journal = journal;
        _market = market;
        _rules = options.Rules ?? UnrestrictedOperatingRules.Instance;
        _risk = options.Risk;
        _sizer = new PositionSizer(options.Risk);
        _symbols = options.Symbols ?? SymbolCatalog.Defaults;
        _log = options.Logger ?? NullLogger.Instance;
        _wall = options.WallClock ?? TimeProvider.System;
        _killSwitchFile = string.IsNullOrEmpty(options.KillSwitchFile) ? null : options.KillSwitchFile;
        Metrics = options.Metrics;
        foreach (var agent in agents)
        {
            if (!_symbols.TryGet(agent.Symbol, out _))
            {
                throw new ArgumentException($"agent '{agent.AgentId}': no symbol spec for '{agent.Symbol}'", nameof(agents));
            }

            if (!_books.TryAdd(agent.AgentId, new AgentBook(agent)))
            {
                throw new ArgumentException($"agent '{agent.AgentId}' is listed twice", nameof(agents));
            }
        }

        Metrics?.Observe(() => _status);
    }

    /// <summary>The latest status: pause and kill switch, equity, daily P&amp;L, exposure, each agent's position and counters.</summary>
    public TraderStatus Status => Volatile.Read(ref _status);

    public TraderMetrics? Metrics { get; }

    /// <summary>
    /// What each agent holds as of the latest status, for the bus (<see cref="SignalBus.ISignalBus.PostHoldingAsync"/>):
    /// the signal service decides with these positions.
    /// </summary>
    public IReadOnlyList<TraderHolding> Holdings => Volatile.Read(ref _holdings);

    /// <summary>
    /// Replays the journal (positions, handled signals, pause and kill switch), finishes any batch a crash left half
    /// sent (same order ids: the gateway answers with the first result), then reconciles with the broker's positions.
    /// Throws <see cref="OrderGatewayUnavailableException"/> when the gateway is down; call again.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellation = default)
    {
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            EnsureReplayed();
            _started = true;

            // The gateway's market time first: the answers about to be journaled are stamped with it.
            var account = await _gateway.GetAccountAsync(cancellation).ConfigureAwait(false);
            if (account.Time is not null)
            {
                _market.Advance(ContractTime.ToMilliseconds(account.Time));
            }

            foreach (var batch in _batches.Values.Where(b => !b.Done && b.Intents.Count > 0).ToList())
            {
                _log.FinishingBatch(batch.Key);
                var done = (batch.Signal ?? new JournalEntry { Kind = JournalKinds.Done }) with { Reason = "recovered" };
                await ExecuteBatchAsync(batch, done, cancellation).ConfigureAwait(false);
                if (BookOf(done.Agent) is { } book && done.DecisionMs is not null)
                {
                    book.SignalsActed++;
                }
            }

            await RefreshAsync(cancellation).ConfigureAwait(false);
        }
        finally
        {
            FinishCall();
            _gate.Release();
        }
    }

    /// <summary>Acts on one signal, exactly once; see the class summary for the order of checks.</summary>
    public async Task<SignalOutcome> HandleAsync(Signal signal, string entryId, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        long started = _wall.GetTimestamp();
        long receivedUs = WallClock.UnixMicroseconds();
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (!_started)
            {
                throw new InvalidOperationException("TraderEngine.StartAsync must complete before signals are handled");
            }

            long decisionMs = ContractTime.ToMilliseconds(signal.DecisionTime);
            string key = BatchKeys.Signal(signal.AgentId, decisionMs);
            if (_batches.TryGetValue(key, out var known))
            {
                if (!known.Done)
                {
                    // Decided before a failure but not finished: finish exactly those orders, never decide again.
                    var done = (known.Signal ?? new JournalEntry { Kind = JournalKinds.Done }) with { Reason = "resumed" };
                    await ExecuteBatchAsync(known, done, cancellation).ConfigureAwait(false);
                    if (BookOf(signal.AgentId) is { } book)
                    {
                        book.SignalsActed++;
                    }
                }

                Metrics?.Signal(SignalOutcomeKind.Duplicate, "");
                return SignalOutcome.Duplicate;
            }

            var outcome = await DecideAndActAsync(signal, entryId, key, decisionMs, new SignalTiming(signal, receivedUs), cancellation)
                .ConfigureAwait(false);
            Metrics?.Signal(outcome.Kind, outcome.Reason);
            Metrics?.Handled(_wall.GetElapsedTime(started));
            return outcome;
        }
        finally
        {
            FinishCall();
            _gate.Release();
        }
    }

    /// <summary>
    /// Between signals: re-reads positions and the account once the refresh interval has passed, which enforces the
    /// loss limits, the kill switch file and the forced closes of the operating rules. With a signal refresh age set,
    /// it re-reads at half that age, so the view a signal finds is young enough and the signal goes straight to its
    /// orders instead of waiting for two gateway round trips.
    /// </summary>
    public async Task CheckAsync(CancellationToken cancellation = default)
    {
        if (!_started || _wall.GetElapsedTime(_lastRefresh) < CheckEvery)
        {
            return;
        }

        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            await RefreshAsync(cancellation).ConfigureAwait(false);
        }
        finally
        {
            FinishCall();
            _gate.Release();
        }
    }

    /// <summary>How long until <see cref="CheckAsync"/> has something to do; the consumer loop waits for signals no longer.</summary>
    public TimeSpan UntilNextCheck
    {
        get
        {
            var due = CheckEvery - _wall.GetElapsedTime(_lastRefresh);
            return due > TimeSpan.Zero ? due : TimeSpan.Zero;
        }
    }

    private TimeSpan CheckEvery => _risk.SignalRefreshAge > TimeSpan.Zero
        ? TimeSpan.FromTicks(Math.Min(_risk.RefreshInterval.Ticks, _risk.SignalRefreshAge.Ticks / 2))
        : _risk.RefreshInterval;

    public void Dispose() => _gate.Dispose();

    /// <summary>Rebuilds the state from the journal once, before the first thing that reads or changes it.</summary>
    private void EnsureReplayed()
    {
        if (!_replayed)
        {
            Replay(_journal.Contents);
            _replayed = true;
        }
    }

    /// <summary>
    /// Ends every call that holds the gate: the journal's lines of the call reach the disk (fsync) before the caller
    /// can acknowledge the signal, and the status snapshot is refreshed.
    /// </summary>
    private void FinishCall()
    {
        _journal.Sync();
        PublishStatus();
    }

    private AgentBook? BookOf(string? agentId) => agentId is not null && _books.TryGetValue(agentId, out var book) ? book : null;

    private BatchProgress BatchOf(string key)
    {
        if (!_batches.TryGetValue(key, out var batch))
        {
            batch = new BatchProgress(key);
            _batches.Add(key, batch);
        }

        return batch;
    }

    private long MarketNowOrWall() => _market.NowMs ?? _wall.GetUtcNow().ToUnixTimeMilliseconds();
}
