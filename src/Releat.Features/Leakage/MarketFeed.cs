using Releat.Agents.Config;
using Releat.Features.Drivers;

namespace Releat.Features.Leakage;

/// <summary>
/// What an agent's features are computed from: its symbols' tick sources, or candle sources for a candle agent, in the
/// config's symbol order (the traded symbol first). The dataset builder and the leakage check read the same feed.
/// </summary>
public sealed class MarketFeed
{
    private MarketFeed(IReadOnlyList<ITickSource>? ticks, IReadOnlyList<ICandleSource>? candles)
    {
        Ticks = ticks;
        Candles = candles;
    }

    public IReadOnlyList<ITickSource>? Ticks { get; }

    public IReadOnlyList<ICandleSource>? Candles { get; }

    public static MarketFeed OfTicks(IReadOnlyList<ITickSource> ticks) => new(ticks ?? throw new ArgumentNullException(nameof(ticks)), null);

    public static MarketFeed OfCandles(IReadOnlyList<ICandleSource> candles) => new(null, candles ?? throw new ArgumentNullException(nameof(candles)));

    /// <summary>The agent's symbols in the market-data folder: the tick store, or the candle store at the config's timeframe.</summary>
    public static MarketFeed FromStore(AgentConfig config, string marketDataRoot)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.RawData.Source == DataSourceKind.Ticks)
        {
            var ticks = new MarketData.Storage.TickStore(marketDataRoot);
            return OfTicks([.. config.RawData.Symbols.Select(s => new TickStoreSource(ticks, s))]);
        }

        var candles = new MarketData.Storage.CandleStore(marketDataRoot);
        var timeframe = (MarketData.Model.Timeframe)(int)config.RawData.Candles!.Timeframe.TotalSeconds;
        return OfCandles([.. config.RawData.Symbols.Select(s => new CandleStoreSource(candles, s, timeframe))]);
    }

    /// <summary>The same feed with every tick or candle at or after <paramref name="fromMs"/> perturbed, seeded.</summary>
    public MarketFeed PerturbedFrom(long fromMs, ulong seed) => Ticks is not null
        ? OfTicks([.. Ticks.Select(t => (ITickSource)new PerturbedTickSource(t, fromMs, seed))])
        : OfCandles([.. Candles!.Select(c => (ICandleSource)new PerturbedCandleSource(c, fromMs, seed))]);

    /// <summary>The raw observations of every decision in the range, through the batch driver.</summary>
    public BatchRunSummary Run(BatchFeatureDriver driver, TimeRange range, IRawRowSink sink, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return Ticks is not null
            ? driver.Run(Ticks, range, sink, null, cancellation)
            : driver.Run(Candles!, range, sink, null, cancellation);
    }
}
