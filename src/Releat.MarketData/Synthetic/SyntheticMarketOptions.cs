using Releat.MarketData.Calendar;
using Releat.MarketData.Model;
using Releat.MarketData.Time;

namespace Releat.MarketData.Synthetic;

/// <summary>
/// The knobs of <see cref="SyntheticTickGenerator"/>. Defaults look like EURUSD on an ECN account: about 2.6
/// quote arrivals a second on average, quietest in late New York and early Asia, busiest in the London/New York overlap;
/// 0.2-pip spreads when busy, wider when quiet and much wider around the daily rollover; a per-tick volatility
/// that gives about 0.6% a day, clustered by GARCH(1,1).
/// </summary>
public sealed record SyntheticMarketOptions
{
    /// <summary>Ticks per second for each UTC hour 0..23.</summary>
    public static IReadOnlyList<double> ForexTickRates { get; } =
    [
        1.0, 1.1, 1.2, 1.2, 1.0, 1.0, 1.3, 3.0, // 00-07: Tokyo, then London opens at 07
        3.8, 3.8, 3.6, 3.4, 5.0, 6.0, 6.0, 5.4, // 08-15: London, overlap with New York from 12
        4.0, 3.0, 2.4, 2.0, 1.6, 1.2, 0.6, 0.8, // 16-23: New York afternoon, rollover lull at 22
    ];

    /// <summary>Same seed and options, same ticks.</summary>
    public ulong Seed { get; init; } = 1;

    public SymbolSpec Symbol { get; init; } = SymbolCatalog.Defaults["EURUSD"];

    /// <summary>When generation starts (UTC ms); the first tick comes at the first open time after it.</summary>
    public long StartMs { get; init; } = UtcTime.FromDate(new DateOnly(2020, 1, 6));

    public double InitialMid { get; init; } = 1.1000;

    public IReadOnlyList<double> TicksPerSecondByHour { get; init; } = ForexTickRates;

    /// <summary>Long-run standard deviation of one tick's log-return.</summary>
    public double VolatilityPerTick { get; init; } = 1.3e-5;

    /// <summary>GARCH(1,1) weight of the last squared shock.</summary>
    public double GarchAlpha { get; init; } = 0.005;

    /// <summary>
    /// GARCH(1,1) weight of the last variance; alpha + beta &lt; 1 keeps the variance stationary. The defaults
    /// (persistence 0.9995) let a calm or a turbulent spell last about 1,400 ticks, some ten minutes.
    /// </summary>
    public double GarchBeta { get; init; } = 0.9945;

    /// <summary>Spread in points in the busiest hour.</summary>
    public double BusySpreadPoints { get; init; } = 2;

    /// <summary>Spread in points in the quietest hour.</summary>
    public double QuietSpreadPoints { get; init; } = 10;

    /// <summary>How much wider the spread is around the daily rollover (symbol's rollover time).</summary>
    public double RolloverSpreadMultiplier { get; init; } = 6;

    public TimeSpan RolloverWideningBefore { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan RolloverWideningAfter { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Share of ticks that also report a deal (LAST, VOLUME and BUY or SELL flags).</summary>
    public double DealTickShare { get; init; } = 0.05;

    /// <summary>
    /// The planted, learnable pattern: a hidden drift that follows an AR(1) and is added to every tick's return,
    /// so returns trend (momentum). It is the standard deviation of the drift as a share of the per-tick
    /// volatility; 0 gives a pure (GARCH) random walk. Over a horizon of H ticks, well under the half-life, the
    /// drift moves the price about H·strength·σ against noise of √H·σ, so it becomes visible at H ≈ 1/strength²
    /// ticks (0.05: a few hundred ticks, i.e. minutes).
    /// </summary>
    public double MomentumStrength { get; init; }

    /// <summary>Ticks for the hidden drift to decay to half.</summary>
    public double MomentumHalfLifeTicks { get; init; } = 2000;

    /// <summary>When the market is open; defaults to the symbol's weekly sessions (forex: Sun 22:00 to Fri 22:00 UTC).</summary>
    public MarketCalendar? Calendar { get; init; }

    public void Validate()
    {
        if (TicksPerSecondByHour.Count != 24 || TicksPerSecondByHour.Any(r => !(r > 0)))
        {
            throw new ArgumentException("TicksPerSecondByHour needs 24 positive rates, one per UTC hour");
        }

        if (!(VolatilityPerTick > 0) || !(InitialMid > 0))
        {
            throw new ArgumentException($"VolatilityPerTick ({VolatilityPerTick}) and InitialMid ({InitialMid}) must be positive");
        }

        if (GarchAlpha < 0 || GarchBeta < 0 || GarchAlpha + GarchBeta >= 1)
        {
            throw new ArgumentException($"GARCH needs alpha, beta >= 0 and alpha + beta < 1 (got {GarchAlpha} + {GarchBeta})");
        }

        if (BusySpreadPoints < 0 || QuietSpreadPoints < BusySpreadPoints || RolloverSpreadMultiplier < 1)
        {
            throw new ArgumentException("spreads need 0 <= busy <= quiet and a rollover multiplier >= 1");
        }

        if (MomentumStrength < 0 || !(MomentumHalfLifeTicks > 0) || DealTickShare is < 0 or > 1 || StartMs < 0)
        {
            throw new ArgumentException("momentum strength >= 0, half-life > 0, deal share in [0, 1] and a start after 1970 are required");
        }
    }
}
