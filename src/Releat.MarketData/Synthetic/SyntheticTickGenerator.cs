using Releat.MarketData.Calendar;
using Releat.MarketData.Model;
using Releat.MarketData.Time;

namespace Releat.MarketData.Synthetic;

/// <summary>
/// A seeded synthetic forex tick stream. Ticks arrive as a Poisson process whose rate follows the UTC hour
/// (sessions), none while the calendar is closed (weekends). The mid price is a log random walk whose per-tick
/// variance follows GARCH(1,1), plus an optional hidden AR(1) drift (<see cref="SyntheticMarketOptions.MomentumStrength"/>).
/// Quotes are whole points; the spread narrows with activity, widens with volatility and around the rollover.
/// A quote that changes neither bid nor ask is not emitted, as MT5 would not send it. Same options, same ticks;
/// nothing is allocated per tick.
/// </summary>
public sealed class SyntheticTickGenerator
{
    private readonly SyntheticMarketOptions _options;
    private readonly MarketCalendar _calendar;
    private readonly double[] _msPerTickByHour = new double[24];
    private readonly double[] _spreadByHour = new double[24];
    private readonly double _pointScale;
    private readonly double _omega;
    private readonly double _longRunVariance;
    private readonly double _momentumDecay;
    private readonly double _momentumShock;
    private readonly long _rolloverMsOfDay;
    private readonly long _wideningBeforeMs;
    private readonly long _wideningAfterMs;
    private SeededDraws _random;
    private double _exactTimeMs;
    private long _openUntilMs;
    private double _logMid;
    private double _variance;
    private double _drift;
    private long _bidPoints;
    private long _askPoints;
    private bool _started;

    public SyntheticTickGenerator(SyntheticMarketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _calendar = options.Calendar ?? new MarketCalendar(options.Symbol.Sessions);
        _random = new SeededDraws(options.Seed);
        _pointScale = options.Symbol.PointScale;

        double busiest = options.TicksPerSecondByHour.Max();
        double quietest = options.TicksPerSecondByHour.Min();
        for (int hour = 0; hour < 24; hour++)
        {
            double rate = options.TicksPerSecondByHour[hour];
            _msPerTickByHour[hour] = 1000.0 / rate;
            double quietness = busiest > quietest ? (busiest - rate) / (busiest - quietest) : 0;
            _spreadByHour[hour] = options.BusySpreadPoints + ((options.QuietSpreadPoints - options.BusySpreadPoints) * quietness);
        }

        _longRunVariance = options.VolatilityPerTick * options.VolatilityPerTick;
        _omega = _longRunVariance * (1 - options.GarchAlpha - options.GarchBeta);
        _variance = _longRunVariance;
        _momentumDecay = Math.Pow(0.5, 1.0 / options.MomentumHalfLifeTicks);
        _momentumShock = Math.Sqrt(1 - (_momentumDecay * _momentumDecay)) * options.MomentumStrength * options.VolatilityPerTick;
        _rolloverMsOfDay = options.Symbol.RolloverTime.ToTimeSpan().Ticks / TimeSpan.TicksPerMillisecond;
        _wideningBeforeMs = (long)options.RolloverWideningBefore.TotalMilliseconds;
        _wideningAfterMs = (long)options.RolloverWideningAfter.TotalMilliseconds;
        _logMid = Math.Log(options.InitialMid);
        _exactTimeMs = options.StartMs;
        _openUntilMs = long.MinValue;
    }

    public SyntheticMarketOptions Options => _options;

    /// <summary>Time of the last tick produced (or the start time before the first).</summary>
    public long TimeMs => (long)_exactTimeMs;

    /// <summary>The hidden drift right now (for tests of the planted pattern; a strategy must not read it).</summary>
    public double HiddenDrift => _drift;

    /// <summary>Fills the whole span with the next ticks.</summary>
    public void Fill(Span<Tick> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Next();
        }
    }

    public Tick Next()
    {
        while (true)
        {
            long timeMs = AdvanceTime();
            double shock = Math.Sqrt(_variance) * _random.NextGaussian();
            double logReturn = _drift + shock;
            _variance = _omega + (_options.GarchAlpha * shock * shock) + (_options.GarchBeta * _variance);
            if (_momentumShock > 0)
            {
                _drift = (_momentumDecay * _drift) + (_momentumShock * _random.NextGaussian());
            }

            _logMid += logReturn;
            long spread = SpreadPoints(timeMs);
            long bidPoints = (long)Math.Round((Math.Exp(_logMid) * _pointScale) - (spread * 0.5));
            long askPoints = bidPoints + spread;
            TickFlags flags = (bidPoints != _bidPoints || !_started ? TickFlags.Bid : 0)
                | (askPoints != _askPoints || !_started ? TickFlags.Ask : 0);
            if (flags == TickFlags.None)
            {
                continue;
            }

            _started = true;
            _bidPoints = bidPoints;
            _askPoints = askPoints;
            double bid = bidPoints / _pointScale;
            double ask = askPoints / _pointScale;
            if (_options.DealTickShare > 0 && _random.NextDouble() < _options.DealTickShare)
            {
                bool buy = logReturn >= 0;
                double lots = 1 + _random.NextInt(10);
                return new Tick(timeMs, bid, ask, buy ? ask : bid, lots,
                    flags | TickFlags.Last | TickFlags.Volume | (buy ? TickFlags.Buy : TickFlags.Sell));
            }

            return new Tick(timeMs, bid, ask, 0, 0, flags);
        }
    }

    /// <summary>Moves time to the next arrival, jumping over closed periods; returns it in whole milliseconds.</summary>
    private long AdvanceTime()
    {
        int hour = (int)(UtcTime.MsOfDay((long)_exactTimeMs) / UtcTime.MsPerHour);
        _exactTimeMs += _random.NextExponential() * _msPerTickByHour[hour];
        long timeMs = (long)_exactTimeMs;
        if (timeMs >= _openUntilMs)
        {
            long open = _calendar.NextOpen(timeMs);
            if (open == long.MaxValue)
            {
                throw new InvalidOperationException($"the calendar of {_options.Symbol.Name} never opens after {UtcTime.Format(timeMs)}");
            }

            if (open > timeMs)
            {
                _exactTimeMs = open;
                timeMs = open;
            }

            _openUntilMs = _calendar.NextClose(timeMs);
        }

        return timeMs;
    }

    private long SpreadPoints(long timeMs)
    {
        long msOfDay = UtcTime.MsOfDay(timeMs);
        double spread = _spreadByHour[msOfDay / UtcTime.MsPerHour];
        spread *= Math.Clamp(Math.Sqrt(_variance / _longRunVariance), 0.7, 2.5);
        long sinceRollover = msOfDay - _rolloverMsOfDay;
        if (sinceRollover < -UtcTime.MsPerDay / 2)
        {
            sinceRollover += UtcTime.MsPerDay;
        }
        else if (sinceRollover > UtcTime.MsPerDay / 2)
        {
            sinceRollover -= UtcTime.MsPerDay;
        }

        if (sinceRollover >= -_wideningBeforeMs && sinceRollover < _wideningAfterMs)
        {
            spread *= _options.RolloverSpreadMultiplier;
        }

        return Math.Max(1, (long)Math.Round(spread + _random.NextDouble() - 0.5));
    }
}
