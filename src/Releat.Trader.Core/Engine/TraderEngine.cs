using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Releat.Contracts.Tracing;
using Releat.Contracts.V1;
using Releat.MarketData.Model;
using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Execution;
using Releat.Trader.Core.Journal;
using Releat.Trader.Core.Market;
using Releat.Trader.Core.Orders;
using Releat.Trader.Core.Reconciliation;
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
/// This class only orders the steps and holds the gate; its parts do the work: the risk engine owns the trading state
/// (pause, kill switch, day, loss and exposure limits), the execution engine sends and journals orders, the
/// reconciliation keeps the books true to the broker, the signal decider checks a signal and plans its orders.
/// </summary>
public sealed class TraderEngine : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly AgentBooks _books;
    private readonly RiskEngine _risk;
    private readonly ExecutionEngine _execution;
    private readonly BrokerReconciliation _reconciliation;
    private readonly AccountRefresh _refresh;
    private readonly SignalDecider _decider;
    private readonly IOrderGateway _gateway;
    private readonly TradeJournal _journal;
    private readonly TraderClock _clock;
    private readonly RiskSettings _settings;
    private readonly ILogger _log;
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
        var symbols = options.Symbols ?? SymbolCatalog.Defaults;
        var rules = options.Rules ?? UnrestrictedOperatingRules.Instance;
        _books = new AgentBooks(agents, symbols);
        _gateway = gateway;
        _journal = journal;
        _clock = new TraderClock(market, options.WallClock ?? TimeProvider.System);
        _settings = options.Risk;
        _log = options.Logger ?? NullLogger.Instance;
        Metrics = options.Metrics;
        string? killSwitchFile = string.IsNullOrEmpty(options.KillSwitchFile) ? null : options.KillSwitchFile;
        _risk = new RiskEngine(options.Risk, _books, journal, _clock, _log, killSwitchFile);
        _execution = new ExecutionEngine(gateway, _books, journal, _clock, _log, Metrics);
        _reconciliation = new BrokerReconciliation(_books, journal, _clock, _log);
        _refresh = new AccountRefresh(gateway, _clock, _risk, _reconciliation, _execution, _books, rules, _log);
        var planner = new OrderPlanner(rules, new PositionSizer(options.Risk), symbols, _risk, market);
        _decider = new SignalDecider(_books, _risk, _refresh, planner, _execution, journal, _clock, options.Risk.SignalRefreshAge);
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

    /// <summary>How long until <see cref="CheckAsync"/> has something to do; the consumer loop waits for signals no longer.</summary>
    public TimeSpan UntilNextCheck
    {
        get
        {
            var due = CheckEvery - _refresh.SinceLast;
            return due > TimeSpan.Zero ? due : TimeSpan.Zero;
        }
    }

    private TimeSpan CheckEvery => _settings.SignalRefreshAge > TimeSpan.Zero
        ? TimeSpan.FromTicks(Math.Min(_settings.RefreshInterval.Ticks, _settings.SignalRefreshAge.Ticks / 2))
        : _settings.RefreshInterval;

    /// <summary>
    /// Replays the journal (positions, handled signals, pause and kill switch), finishes any batch a crash left half
    /// sent (same order ids: the gateway answers with the first result), then reconciles with the broker's positions.
    /// Throws <see cref="OrderGatewayUnavailableException"/> when the gateway is down; call again.
    /// </summary>
    public Task StartAsync(CancellationToken cancellation = default) => UnderGateAsync(
        async () =>
        {
            _started = true;

            // The gateway's market time first: the answers about to be journaled are stamped with it.
            _clock.Observe(await _gateway.GetAccountAsync(cancellation).ConfigureAwait(false));

            foreach (var batch in _execution.Unfinished)
            {
                _log.FinishingBatch(batch.Key);
                await FinishBatchAsync(batch, "recovered", cancellation).ConfigureAwait(false);
            }

            await _refresh.RunAsync(cancellation).ConfigureAwait(false);
        },
        cancellation);

    /// <summary>Acts on one signal, exactly once; see the class summary for the order of checks.</summary>
    public async Task<SignalOutcome> HandleAsync(Signal signal, string entryId, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        long started = _clock.Wall.GetTimestamp();
        long receivedUs = WallClock.UnixMicroseconds();

        // UnderGateAsync's steps written out: a signal is the live path and allocates no closure; StartAsync replayed.
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (!_started)
            {
                throw new InvalidOperationException("TraderEngine.StartAsync must complete before signals are handled");
            }

            long decisionMs = ContractTime.ToMilliseconds(signal.DecisionTime);
            string key = BatchKeys.Signal(signal.AgentId, decisionMs);
            if (_execution.TryFind(key, out var known))
            {
                if (!known.Done)
                {
                    // Decided before a failure but not finished: finish exactly those orders, never decide again.
                    await FinishBatchAsync(known, "resumed", cancellation).ConfigureAwait(false);
                }

                Metrics?.Signal(SignalOutcomeKind.Duplicate, "");
                return SignalOutcome.Duplicate;
            }

            var outcome = await _decider.DecideAndActAsync(signal, entryId, key, decisionMs, new SignalTiming(signal, receivedUs), cancellation)
                .ConfigureAwait(false);
            Metrics?.Signal(outcome.Kind, outcome.Reason);
            Metrics?.Handled(_clock.Wall.GetElapsedTime(started));
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
    public Task CheckAsync(CancellationToken cancellation = default) =>
        !_started || _refresh.SinceLast < CheckEvery
            ? Task.CompletedTask
            : UnderGateAsync(() => _refresh.RunAsync(cancellation), cancellation);

    /// <summary>Stops acting on new signals; open positions stay open.</summary>
    public async Task<TraderStatus> PauseAsync(string reason, CancellationToken cancellation = default)
    {
        await UnderGateAsync(() => _risk.Pause(OrDefault(reason, "operator")), cancellation)
            .ConfigureAwait(false);
        return Status;
    }

    /// <summary>Acts on signals again. Refused while the kill switch is engaged.</summary>
    /// <exception cref="InvalidOperationException">The kill switch is engaged.</exception>
    public async Task<TraderStatus> ResumeAsync(CancellationToken cancellation = default)
    {
        await UnderGateAsync(_risk.Resume, cancellation).ConfigureAwait(false);
        return Status;
    }

    /// <summary>Closes every position the trader opened and pauses. Returns the gateway's answers.</summary>
    public Task<IReadOnlyList<OrderResult>> FlattenAllAsync(string reason, CancellationToken cancellation = default) => UnderGateAsync(
        () =>
        {
            reason = OrDefault(reason, "flatten requested");
            _risk.Pause(reason);
            return _execution.FlattenAsync(_books.All, "flat", ClientOrderIds.Flatten, reason, cancellation);
        },
        cancellation);

    /// <summary>Engages the kill switch: closes everything, refuses every signal and any resume until released.</summary>
    public Task EngageKillSwitchAsync(string reason, CancellationToken cancellation = default) =>
        UnderGateAsync(
            () => _refresh.KillAsync(OrDefault(reason, "operator"), cancellation),
            cancellation);

    /// <summary>Releases the kill switch (trading stays paused until resumed). Refused while the kill switch file exists.</summary>
    public Task ReleaseKillSwitchAsync(CancellationToken cancellation = default) =>
        UnderGateAsync(_risk.Release, cancellation);

    /// <summary>Daily P&amp;L of each agent (realised today + floating now - floating at the day's start), for tests and metrics.</summary>
    public IReadOnlyDictionary<string, double> AgentDailyPnl() => _books.DailyPnl();

    public void Dispose() => _gate.Dispose();

    /// <summary>Finishes the orders of a batch a failure left open and counts its signal as acted on.</summary>
    private async Task FinishBatchAsync(BatchProgress batch, string why, CancellationToken cancellation)
    {
        var done = (batch.Signal ?? new JournalEntry { Kind = JournalKinds.Done }) with { Reason = why };
        await _execution.ExecuteAsync(batch, done, cancellation).ConfigureAwait(false);
        if (_books.Of(done.Agent) is { } book && done.DecisionMs is not null)
        {
            book.SignalsActed++;
        }
    }

    /// <summary>
    /// Runs a call that reads or changes the state under the gate, after the journal was replayed once; at its end
    /// the call's journal lines reach the disk (fsync) before the caller can acknowledge a signal, and the status
    /// snapshot is refreshed.
    /// </summary>
    private async Task UnderGateAsync(Func<Task> call, CancellationToken cancellation)
    {
        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            EnsureReplayed();
            await call().ConfigureAwait(false);
        }
        finally
        {
            FinishCall();
            _gate.Release();
        }
    }

    /// <summary><see cref="UnderGateAsync(Func{Task}, CancellationToken)"/> for a call that answers.</summary>
    private async Task<T> UnderGateAsync<T>(Func<Task<T>> call, CancellationToken cancellation)
    {
        T answer = default!;

        // A block body: an expression lambda's assignment would make it a Func<Task<T>> and call this method again.
        await UnderGateAsync(async () => { answer = await call().ConfigureAwait(false); }, cancellation).ConfigureAwait(false);
        return answer;
    }

    /// <summary><see cref="UnderGateAsync(Func{Task}, CancellationToken)"/> for a change of state that needs no I/O.</summary>
    private Task UnderGateAsync(Action change, CancellationToken cancellation) =>
        UnderGateAsync(
            () =>
            {
                change();
                return Task.CompletedTask;
            },
            cancellation);

    private void FinishCall()
    {
        _journal.Sync();
        var (status, holdings) = TraderStatusSnapshot.Take(_risk, _books, _clock.Market);
        Volatile.Write(ref _holdings, holdings);
        Volatile.Write(ref _status, status);
    }

    /// <summary>
    /// Rebuilds the state from the journal once, in the order it was written: batches and their answers (the agents'
    /// positions follow from the fills), reconciliations, the day's baselines, pauses, the kill switch and agents
    /// stopped for the day.
    /// </summary>
    private void EnsureReplayed()
    {
        if (_replayed)
        {
            return;
        }

        var contents = _journal.Contents;
        if (contents.TornTail is { } torn)
        {
            _log.LogTornJournalLine(_journal.Path, torn.Length);
        }

        foreach (var entry in contents.Entries)
        {
            if (_execution.Replay(entry))
            {
                if (entry.Kind == JournalKinds.Done)
                {
                    _books.CountHandledSignal(entry);
                }
            }
            else if (!_reconciliation.Replay(entry))
            {
                _risk.Replay(entry);
            }
        }

        _replayed = true;
    }

    private static string OrDefault(string reason, string fallback) => string.IsNullOrWhiteSpace(reason) ? fallback : reason;
}
