using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Releat.Features.Engine;
using Releat.MarketData.Model;
using Releat.Signal.Core.Live;

namespace Releat.Signal.Core.Feeds;

/// <summary>
/// Feeds one agent's signaller: subscribes to live ticks first (buffering them), reads the history from the first
/// live tick minus the plan's lookback (or, after a reconnect, from the last tick fed) up to that first live tick,
/// feeds it, then the buffered ticks after the last one fed, then live ticks as they come. The signaller publishes
/// nothing older than the stale age meanwhile, so a restart costs seconds, not hours of lookback. A lost feed is
/// subscribed again with backoff and caught up the same way.
/// </summary>
public sealed partial class AgentTickFeed
{
    private readonly LiveAgentSignaller _signaller;
    private readonly ILiveTickFeed _live;
    private readonly ITickHistory _history;
    private readonly TickFeedOptions _options;
    private readonly ILogger? _logger;

    public AgentTickFeed(LiveAgentSignaller signaller, ILiveTickFeed live, ITickHistory history, TickFeedOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(signaller);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(history);
        _signaller = signaller;
        _live = live;
        _history = history;
        _options = options ?? new TickFeedOptions();
        _logger = logger;
    }

    /// <summary>Follows the feed until cancelled (or until it ends, without <see cref="TickFeedOptions.ReconnectWhenEnded"/>).</summary>
    public async Task RunAsync(CancellationToken cancellation)
    {
        TimeSpan backoff = _options.FirstBackoff;
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                await FollowOnceAsync(cancellation).ConfigureAwait(false);
                if (!_options.ReconnectWhenEnded)
                {
                    return;
                }

                backoff = _options.FirstBackoff;
                if (_logger is not null)
                {
                    LogEnded(_logger, _signaller.AgentId, backoff);
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever broke the feed (gateway gone, stream reset, history refused), the cure is to reconnect.
            catch (Exception e)
#pragma warning restore CA1031
            {
                if (_logger is not null)
                {
                    LogInterrupted(_logger, _signaller.AgentId, e.Message, backoff);
                }
            }

            try
            {
                await Task.Delay(backoff, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        }
    }

    /// <summary>One subscription: catch up, then follow until the feed ends (returns) or fails (throws).</summary>
    public async Task FollowOnceAsync(CancellationToken cancellation)
    {
        var buffer = Channel.CreateUnbounded<LiveTick>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var subscription = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Task pump = PumpAsync(buffer.Writer, subscription.Token);
        try
        {
            if (!await buffer.Reader.WaitToReadAsync(cancellation).ConfigureAwait(false) || !buffer.Reader.TryPeek(out LiveTick first))
            {
                await pump.ConfigureAwait(false);
                return;
            }

            _signaller.MarkNewestTick(first.Tick.TimeMs);
            if (_options.CatchUpDelay > TimeSpan.Zero)
            {
                await Task.Delay(_options.CatchUpDelay, cancellation).ConfigureAwait(false);
            }

            long caughtUpTo = await CatchUpAsync(first.Tick.TimeMs, cancellation).ConfigureAwait(false);
            await foreach (LiveTick live in buffer.Reader.ReadAllAsync(cancellation).ConfigureAwait(false))
            {
                int symbol = _signaller.SymbolIndex(live.Symbol);
                if (symbol >= 0 && live.Tick.TimeMs > caughtUpTo)
                {
                    caughtUpTo = long.MinValue;
                    await _signaller.OnTickAsync(symbol, live.Tick, live.ArrivalTimestamp, live.GatewayArrivalUs, cancellation).ConfigureAwait(false);
                }
            }

            await pump.ConfigureAwait(false);
        }
        finally
        {
            await subscription.CancelAsync().ConfigureAwait(false);
            await pump.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>Feeds the history up to the first live tick; returns the time of the last tick fed.</summary>
    private async Task<long> CatchUpAsync(long liveStartMs, CancellationToken cancellation)
    {
        FeaturePlan plan = _signaller.Plan;
        bool resuming = _signaller.LastTickMs != long.MinValue;
        long fromMs = resuming ? _signaller.LastTickMs : liveStartMs - plan.LookbackMs - (long)_options.CatchUpMargin.TotalMilliseconds;
        var ticks = new List<(Tick Tick, int Symbol)>();
        for (int s = 0; s < plan.Symbols.Count; s++)
        {
            await foreach (Tick tick in _history.ReadAsync(plan.Symbols[s], fromMs, liveStartMs, cancellation).ConfigureAwait(false))
            {
                ticks.Add((tick, s));
            }
        }

        // Stable: equal times keep the plan's symbol order, as the batch driver merges them.
        long fed = 0;
        long lastFed = _signaller.LastTickMs;
        foreach ((Tick tick, int symbol) in ticks.OrderBy(t => t.Tick.TimeMs))
        {
            if (resuming && tick.TimeMs <= lastFed)
            {
                continue;
            }

            _signaller.CountCatchUpTick();
            await _signaller.OnTickAsync(symbol, tick, Stopwatch.GetTimestamp(), cancellation).ConfigureAwait(false);
            fed++;
        }

        if (_logger is not null)
        {
            LogCaughtUp(_logger, _signaller.AgentId, fed, new MarketTime(fromMs), new MarketTime(liveStartMs));
        }

        return _signaller.LastTickMs;
    }

    private async Task PumpAsync(ChannelWriter<LiveTick> buffer, CancellationToken cancellation)
    {
        try
        {
            string[] symbols = [.. _signaller.Plan.Symbols];
            await foreach (LiveTick tick in _live.SubscribeAsync(symbols, cancellation).ConfigureAwait(false))
            {
                buffer.TryWrite(tick);
            }

            buffer.TryComplete();
        }
#pragma warning disable CA1031 // Handed to the reader, which rethrows it from FollowOnceAsync.
        catch (Exception e)
#pragma warning restore CA1031
        {
            buffer.TryComplete(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{AgentId} caught up on {Ticks} ticks from {From} to the first live tick at {To}")]
    private static partial void LogCaughtUp(ILogger logger, string agentId, long ticks, MarketTime from, MarketTime to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tick feed of {AgentId} interrupted: {Problem}; reconnecting in {Backoff}")]
    private static partial void LogInterrupted(ILogger logger, string agentId, string problem, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tick feed of {AgentId} ended; subscribing again in {Backoff}")]
    private static partial void LogEnded(ILogger logger, string agentId, TimeSpan backoff);
}
