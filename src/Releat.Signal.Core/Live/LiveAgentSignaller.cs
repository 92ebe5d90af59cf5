using Releat.Features.Drivers;
using Releat.Features.Engine;
using Releat.MarketData.Model;
using Releat.Signal.Core.Policy;
using Releat.SignalBus;

namespace Releat.Signal.Core.Live;

/// <summary>
/// One agent's live decisions: ticks go into its feature engine (<see cref="LiveFeatureDriver"/>, raw values; the
/// policy applies its checkpoint's transforms, so a new checkpoint brings its own), and at each decision time the
/// policy decides for the position the trader reports on the bus (and as if flat, and hedged) and the signal is
/// published. Decisions older than the agent's trading.stale_signal_age relative to the newest tick (catching up
/// from history) update the features but are not published. A new policy is swapped in atomically between two
/// decisions. Call <see cref="OnTickAsync(int, in Tick, long, CancellationToken)"/> from one thread, awaiting each
/// call before the next; a tick that closes no decision completes synchronously and allocates nothing.
/// </summary>
public sealed partial class LiveAgentSignaller
{
    private readonly FeaturePlan _plan;
    private readonly LiveFeatureDriver _driver;
    private readonly MarkWindowTracker _mark;
    private readonly ISignalBus _bus;
    private readonly SignallerOptions _options;
    private readonly long _staleMs;
    private readonly List<PendingDecision> _pending = [];
    private AgentPolicy _policy;
    private int _pendingCount;
    private long _newestTickMs = long.MinValue;
    private long _lastFedMs = long.MinValue;
    private int _closingSymbol;
    private long _closingTickMs;
    private long _closingArrival;
    private long _closingGatewayUs;
    private long _ticks;
    private long _decisions;
    private long _staleDecisions;
    private long _catchUpTicks;
    private long _staleRunFirstMs;
    private long _staleRunLastMs;
    private long _staleRunCount;

    /// <param name="plan">The live feature plan (compiled from the checkpoint's config); it never changes.</param>
    /// <param name="policy">The first checkpoint; it must fit the plan.</param>
    /// <param name="bus">Where signals go and holdings come from.</param>
    public LiveAgentSignaller(FeaturePlan plan, AgentPolicy policy, ISignalBus bus, SignallerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(bus);
        policy.CheckFits(plan);
        _plan = plan;
        _policy = policy;
        _bus = bus;
        _options = options ?? new SignallerOptions();
        _staleMs = (long)(_options.StaleSignalAge ?? plan.Config.Trading.StaleSignalAge).TotalMilliseconds;
        _driver = new LiveFeatureDriver(plan) { ObservationReady = OnObservation };
        _mark = new MarkWindowTracker(plan.DecisionStepMs);
        _options.Metrics?.Track(this);
    }

    public string AgentId => _plan.Config.Id;

    /// <summary>The traded symbol (the plan's first).</summary>
    public string Symbol => _plan.Config.TradedSymbol;

    public FeaturePlan Plan => _plan;

    /// <summary>The policy deciding now; a swap takes effect from the next decision.</summary>
    public AgentPolicy Policy => Volatile.Read(ref _policy);

    /// <summary>Time of the last tick that went into the features (long.MinValue before the first).</summary>
    public long LastTickMs => _lastFedMs;

    /// <summary>The newest market time known: the newest tick fed, or the live time set by <see cref="MarkNewestTick"/>.</summary>
    public long NewestTickMs => _newestTickMs;

    public long Ticks => Volatile.Read(ref _ticks);

    /// <summary>Ticks stamped before an already closed decision (dropped by the feature engine).</summary>
    public long LateTicks => _driver.LateTicks;

    /// <summary>Decisions the feature engine closed with an observation (published or not).</summary>
    public long Decisions => Volatile.Read(ref _decisions);

    /// <summary>Decisions too old to publish (catching up).</summary>
    public long StaleDecisions => Volatile.Read(ref _staleDecisions);

    /// <summary>Ticks fed from history while catching up.</summary>
    public long CatchUpTicks => Volatile.Read(ref _catchUpTicks);

    /// <summary>The plan's index of a symbol, or −1 when the agent does not use it.</summary>
    public int SymbolIndex(string symbol)
    {
        for (int i = 0; i < _plan.Symbols.Count; i++)
        {
            if (string.Equals(_plan.Symbols[i], symbol, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Tells the signaller how far the market really is (the first live tick) before feeding it history, so decisions
    /// older than the stale age are not published while catching up.
    /// </summary>
    public void MarkNewestTick(long timeMs) => _newestTickMs = Math.Max(_newestTickMs, timeMs);

    /// <summary>Swaps in a new checkpoint (checked against the plan first); returns the one it replaces.</summary>
    /// <exception cref="InvalidDataException">The checkpoint does not fit the live features.</exception>
    public AgentPolicy SwapPolicy(AgentPolicy next)
    {
        ArgumentNullException.ThrowIfNull(next);
        next.CheckFits(_plan);
        AgentPolicy previous = Interlocked.Exchange(ref _policy, next);
        _options.Metrics?.Swapped(AgentId, next.CheckpointId);
        if (_options.Logger is { } logger)
        {
            LogSwapped(logger, AgentId, previous.CheckpointId, next.CheckpointId, next.Source);
        }

        return previous;
    }

    /// <summary>A tick of the traded symbol; see <see cref="OnTickAsync(int, in Tick, long, CancellationToken)"/>.</summary>
    public ValueTask OnTickAsync(in Tick tick, long arrivalTimestamp, CancellationToken cancellation = default) =>
        OnTickAsync(0, tick, arrivalTimestamp, cancellation);

    /// <summary>
    /// Feeds a tick of symbol <paramref name="symbol"/> (plan order); the decisions it closes are decided and published
    /// before the returned task completes.
    /// </summary>
    /// <param name="arrivalTimestamp">Stopwatch.GetTimestamp() when the tick arrived: latency is measured from it.</param>
    public ValueTask OnTickAsync(int symbol, in Tick tick, long arrivalTimestamp, CancellationToken cancellation = default) =>
        OnTickAsync(symbol, tick, arrivalTimestamp, gatewayArrivalUs: 0, cancellation);

    /// <summary>
    /// As <see cref="OnTickAsync(int, in Tick, long, CancellationToken)"/>, for a tick the gateway stamped on arrival
    /// (<paramref name="gatewayArrivalUs"/>, Unix µs): its signals carry the stamp, and the hop from the gateway is timed.
    /// </summary>
    public ValueTask OnTickAsync(int symbol, in Tick tick, long arrivalTimestamp, long gatewayArrivalUs, CancellationToken cancellation = default)
    {
        if (tick.TimeMs > _newestTickMs)
        {
            _newestTickMs = tick.TimeMs;
        }

        _closingSymbol = symbol;
        _closingTickMs = tick.TimeMs;
        _closingArrival = arrivalTimestamp;
        _closingGatewayUs = gatewayArrivalUs;
        long late = _driver.LateTicks;
        _driver.OnTick(symbol, tick);
        if (_driver.LateTicks == late)
        {
            _lastFedMs = tick.TimeMs;
            if (symbol == 0)
            {
                _mark.AddQuote(tick.TimeMs, tick.Bid, tick.Ask);
            }
        }

        Volatile.Write(ref _ticks, _ticks + 1);
        return _pendingCount == 0 && _unsent.Count == 0 ? ValueTask.CompletedTask : PublishPendingAsync(cancellation);
    }

    internal void CountCatchUpTick() => Volatile.Write(ref _catchUpTicks, _catchUpTicks + 1);

    /// <summary>The engine closed a decision with an observation (inside <see cref="LiveFeatureDriver.OnTick(int, in Tick)"/>).</summary>
    private void OnObservation(long decisionTimeMs, ReadOnlySpan<float> raw)
    {
        bool known = _mark.OnDecision(decisionTimeMs, out ExecutionRange previousWindow);
        Volatile.Write(ref _decisions, _decisions + 1);
        if (decisionTimeMs < _newestTickMs - _staleMs)
        {
            Volatile.Write(ref _staleDecisions, _staleDecisions + 1);
            if (_staleRunCount++ == 0)
            {
                _staleRunFirstMs = decisionTimeMs;
            }

            _staleRunLastMs = decisionTimeMs;
            return;
        }

        if (_staleRunCount > 0)
        {
            // Said once per run of skipped decisions (catching up after a start or a lost feed), with its bounds, so
            // every decision not published is accounted for in the log.
            if (_options.Logger is { } logger)
            {
                LogStaleRun(logger, AgentId, new MarketTime(_staleRunFirstMs), new MarketTime(_staleRunLastMs), _staleRunCount, new MarketTime(_newestTickMs), _staleMs);
            }

            _staleRunCount = 0;
        }

        if (_pendingCount == _pending.Count)
        {
            _pending.Add(new PendingDecision(raw.Length));
        }

        PendingDecision pending = _pending[_pendingCount++];
        raw.CopyTo(pending.Raw);
        pending.DecisionTimeMs = decisionTimeMs;
        pending.FeatureTimeMs = _lastFedMs;
        pending.PreviousWindow = previousWindow;
        pending.HasPreviousWindow = known;
        pending.ClosingSymbol = _closingSymbol;
        pending.ClosingTickMs = _closingTickMs;
        pending.ArrivalTimestamp = _closingArrival;
        pending.GatewayArrivalUs = _closingGatewayUs;
    }
}
