using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Releat.Agents.Config;
using Releat.Contracts.Tracing;
using Releat.Features.Engine;
using Releat.Features.Registry;
using Releat.MarketData.Model;
using Releat.MarketData.Time;
using Releat.MarketData.Trading;
using Releat.MarketData.Trading.Events;
using Releat.Signal.Core.Live;
using Releat.SignalBus;
using Releat.SignalBus.InMemory;
using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Engine;
using Releat.Trader.Core.Journal;
using Releat.Trader.Core.Market;
using Releat.Trader.Core.Orders;
using Releat.Trader.Core.Risk;
using Releat.Trader.Core.Rules;

namespace Releat.Live;

/// <summary>
/// The live path in one process, as `releat demo` runs it: each tick goes to the simulated broker (fills), the
/// trader's market clock and the agent's signaller; a decision's signal goes through the in-memory bus to the
/// trader's loop, and its orders through the in-process gateway to the broker. Ticks are replayed in lockstep: the
/// next tick waits until the trader has finished with the last signal or is waiting for a fill (which only a tick
/// brings), so a replay is deterministic and never outruns the trader. Times every order from the arrival of the
/// tick that closed its decision to the broker receiving it.
/// </summary>
public sealed class EmbeddedLivePath : IAsyncDisposable, IObserver<TradeEvent>
{
    private readonly EmbeddedLiveOptions _options;
    private readonly SimulatedClock _clock = new();
    private readonly SimulatedBroker _broker;
    private readonly object _sync = new();
    private readonly BrokerageOrderGateway _gateway;
    private readonly TradeJournal _journal;
    private readonly MarketWatch _market = new();
    private readonly TraderEngine _engine;
    private readonly InMemorySignalBus _bus = new();
    private readonly TraderLoop _loop;
    private readonly LiveAgentSignaller _signaller;
    private readonly IDisposable _brokerEvents;
    private readonly CancellationTokenSource _stop = new();
    private readonly string _symbol;
    private Task _trader = Task.CompletedTask;
    private int _ordersWaiting;
    private long _timedSignals;
    private long _currentArrival;

    public EmbeddedLivePath(EmbeddedLiveOptions options, FeatureRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        AgentConfig config = options.Policy.Config;
        _symbol = config.TradedSymbol;
        _broker = new SimulatedBroker(options.Symbols, options.Broker, _clock);
        _brokerEvents = _broker.Subscribe(this);
        _gateway = new BrokerageOrderGateway(_broker, _sync);
        Directory.CreateDirectory(options.Folder);
        _journal = TradeJournal.Open(Path.Combine(options.Folder, "journal.jsonl"));
        _engine = new TraderEngine([TradedAgent.From(config)], _gateway, _journal, _market, new TraderEngineOptions
        {
            // Every signal refreshes positions and applies the rules; a wall-clock refresh in between would make a
            // lockstep replay depend on how fast the machine is.
            Risk = new RiskSettings { RefreshInterval = TimeSpan.FromDays(1) },
            Rules = AgentOperatingRules.For([config], options.Symbols),
            Symbols = options.Symbols,
            Logger = options.Logging?.CreateLogger<TraderEngine>(),
        });
        _loop = new TraderLoop(
            _engine, _bus, new SignalSubscription("trader", "embedded", [config.Id]),
            new TraderLoopOptions { ReceiveWait = TimeSpan.FromMilliseconds(100) }, options.Logging?.CreateLogger<TraderLoop>());
        var plan = FeaturePlan.Compile(config, registry ?? new FeatureRegistry());
        _signaller = new LiveAgentSignaller(plan, options.Policy, _bus, new SignallerOptions
        {
            Logger = options.Logging?.CreateLogger<LiveAgentSignaller>(),
            Published = signal => SignalLatencyMicros.Add(signal.LatencyUs),
        });
    }

    public LiveAgentSignaller Signaller => _signaller;

    public TraderEngine Trader => _engine;

    public ISignalBus Bus => _bus;

    public string JournalPath => _journal.Path;

    public OrderLatencies Latencies { get; } = new();

    /// <summary>Each published signal's latency: its decision's tick arriving to the bus taking the signal.</summary>
    public List<double> SignalLatencyMicros { get; } = [];

    /// <summary>The broker's account (balance, equity) as of the last tick.</summary>
    public AccountState Account
    {
        get
        {
            lock (_sync)
            {
                return _broker.Account;
            }
        }
    }

    /// <summary>Starts the trader's loop (journal replay, reconciliation with the broker) in the background.</summary>
    public void Start()
    {
        _trader = Task.Run(() => _loop.RunAsync(_stop.Token), CancellationToken.None);
        if (_options.TradeFromMs != long.MinValue)
        {
            // Decisions before TradeFromMs are older than the stale age relative to this mark: warm-up only.
            _signaller.MarkNewestTick(_options.TradeFromMs + (long)_options.Policy.Config.Trading.StaleSignalAge.TotalMilliseconds);
        }
    }

    /// <summary>Plays the ticks through broker, trader clock and signaller in lockstep with the trader.</summary>
    public async Task ReplayAsync(IEnumerable<Tick> ticks, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        foreach (Tick tick in ticks)
        {
            cancellation.ThrowIfCancellationRequested();
            long arrivedUs = WallClock.UnixMicroseconds();
            long arrival = Stopwatch.GetTimestamp();
            Volatile.Write(ref _currentArrival, arrival);
            lock (_sync)
            {
                _clock.AdvanceTo(tick.TimeMs);
                _broker.OnTick(_symbol, tick);
            }

            _market.OnTick(_symbol, tick);
            await SettleAsync(cancellation).ConfigureAwait(false);
            // The replay stands in for the gateway: the tick "arrives" here, so every hop of the live path is timed.
            await _signaller.OnTickAsync(0, tick, arrival, arrivedUs, cancellation).ConfigureAwait(false);
            await SettleAsync(cancellation).ConfigureAwait(false);
        }

        // The last orders need one more tick to fill; what is still open stays open, as it would live.
        ThrowIfTraderFailed();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _trader.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _brokerEvents.Dispose();
        _gateway.Dispose();
        _engine.Dispose();
        _journal.Dispose();
        await _bus.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    void IObserver<TradeEvent>.OnNext(TradeEvent value)
    {
        switch (value)
        {
            case OrderSubmitted:
                long received = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref _ordersWaiting);

                // Only a signal's first order is timed: later legs wait for the first one's fill, a tick later.
                long published = _signaller.SignalsPublished;
                if (published > _timedSignals)
                {
                    _timedSignals = published;
                    Latencies.Add(Volatile.Read(ref _currentArrival), received);
                }

                break;
            case OrderFilled or OrderRejected:
                Interlocked.Decrement(ref _ordersWaiting);
                break;
        }
    }

    void IObserver<TradeEvent>.OnError(Exception error)
    {
    }

    void IObserver<TradeEvent>.OnCompleted()
    {
    }

    /// <summary>Until the trader has handled every published signal, or waits for a fill that only the next tick brings.</summary>
    private Task SettleAsync(CancellationToken cancellation) =>
        _loop.Handled >= _signaller.SignalsPublished
            ? Task.CompletedTask
            : WaitUntilAsync(() => _loop.Handled >= _signaller.SignalsPublished || Volatile.Read(ref _ordersWaiting) > 0 || _trader.IsCompleted, cancellation);

    private async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellation)
    {
        var spin = new SpinWait();
        while (!condition())
        {
            cancellation.ThrowIfCancellationRequested();
            if (spin.NextSpinWillYield)
            {
                await Task.Yield();
            }

            spin.SpinOnce();
        }

        ThrowIfTraderFailed();
    }

    private void ThrowIfTraderFailed()
    {
        if (_trader.IsFaulted)
        {
            throw new InvalidOperationException("the embedded trader stopped: " + _trader.Exception!.InnerException!.Message, _trader.Exception.InnerException);
        }
    }
}
