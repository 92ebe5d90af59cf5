using System.Diagnostics;
using Microsoft.Extensions.Options;
using Releat.MarketData.Feeds;
using Releat.MarketData.Storage;
using Releat.MarketData.Synthetic;
using Releat.MarketData.Time;
using Releat.Mt5Gateway.Recording;
using Releat.Mt5Gateway.Streaming;

namespace Releat.Mt5Gateway.Simulated;

/// <summary>
/// Plays the simulated market's ticks: synthetic or from the store, at real time, N times faster, or unpaced.
/// Each tick reaches the broker first (so fills see it), then live subscribers, then the recorder.
/// </summary>
public sealed partial class SimulatedMarketPump(
    SimulatedMarket market, TickHub hub, TickStore store, IOptions<GatewayOptions> options, ILogger<SimulatedMarketPump> logger)
    : BackgroundService
{
    private static readonly DateTime DefaultSyntheticStart = new(2024, 1, 8, 0, 0, 0, DateTimeKind.Utc);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var gateway = options.Value;
        var settings = gateway.Simulated;
        using var feed = OpenFeed(gateway, settings);
        using var recorder = gateway.RecordTicks && settings.Source == SimulatedTickSource.Synthetic ? new TickRecorder(store) : null;
        LogStarted(logger, settings.Source, gateway.Symbols, settings.Speed);

        var clock = Stopwatch.StartNew();
        long firstMs = long.MinValue;
        long count = 0;
        while (!stoppingToken.IsCancellationRequested && feed.TryRead(out var next))
        {
            if (firstMs == long.MinValue)
            {
                firstMs = next.Tick.TimeMs;
            }

            if (settings.Speed > 0)
            {
                var dueMs = (next.Tick.TimeMs - firstMs) / settings.Speed;
                var waitMs = dueMs - clock.Elapsed.TotalMilliseconds;
                if (waitMs >= 1)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(waitMs), stoppingToken).ConfigureAwait(false);
                }
            }

            market.OnTick(next.Symbol, next.Tick);
            hub.OnTick(next.Symbol, next.Tick);
            recorder?.OnTick(next.Symbol, next.Tick);
            count++;
        }

        if (!stoppingToken.IsCancellationRequested)
        {
            LogFinished(logger, count);
            hub.CompleteAll();
        }
    }

    private ITickFeed OpenFeed(GatewayOptions gateway, SimulatedMarketOptions settings)
    {
        var endMs = settings.End is { } end ? UtcTime.FromDateTime(AsUtc(end)) : long.MaxValue;
        var feeds = new List<ITickFeed>();
        for (var i = 0; i < gateway.Symbols.Count; i++)
        {
            var symbol = gateway.Symbols[i];
            if (settings.Source == SimulatedTickSource.Store)
            {
                var fromMs = settings.Start is { } start ? UtcTime.FromDateTime(AsUtc(start)) : long.MinValue;
                feeds.Add(new StoreTickFeed(store, symbol, fromMs, endMs));
            }
            else
            {
                // One generator per symbol; seeds derived from the configured one so each symbol differs.
                var generator = new SyntheticTickGenerator(new SyntheticMarketOptions
                {
                    Seed = settings.Seed + (ulong)i,
                    Symbol = market.Symbols[symbol],
                    StartMs = UtcTime.FromDateTime(AsUtc(settings.Start ?? DefaultSyntheticStart)),
                    MomentumStrength = settings.MomentumStrength,
                });
                feeds.Add(new SyntheticTickFeed(generator, endMs));
            }
        }

        return feeds.Count == 1 ? feeds[0] : new MergedTickFeed(feeds);
    }

    /// <summary>Configuration gives "2024-01-08T10:00:00Z" as local time and "2024-01-08" as unspecified: both mean UTC here.</summary>
    private static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated market started: {Source} ticks for {Symbols} at speed {Speed}")]
    private static partial void LogStarted(ILogger logger, SimulatedTickSource source, IList<string> symbols, double speed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulated market reached the end of its feed after {Count} ticks")]
    private static partial void LogFinished(ILogger logger, long count);
}
