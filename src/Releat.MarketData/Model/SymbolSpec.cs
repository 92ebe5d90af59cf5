using Releat.MarketData.Calendar;

namespace Releat.MarketData.Model;

/// <summary>
/// Everything the broker and the features need to know about a traded instrument, with MT5's meanings:
/// a point is the smallest price step (10^-digits), a pip is the trader's unit (0.0001, or 0.01 for JPY quotes),
/// swaps are in points per lot per night, sessions and the rollover are in UTC.
/// </summary>
public sealed record SymbolSpec
{
    private static readonly double[] PowersOfTen = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];
    private readonly string? _profitCurrency;
    private readonly string? _marginCurrency;

    public required string Name { get; init; }

    public string Description { get; init; } = "";

    /// <summary>Decimal places of a quote (5 for EURUSD, 3 for USDJPY).</summary>
    public required int Digits { get; init; }

    public required double PipSize { get; init; }

    /// <summary>Units of the base currency in one lot.</summary>
    public double ContractSize { get; init; } = 100_000;

    public required string BaseCurrency { get; init; }

    public required string QuoteCurrency { get; init; }

    /// <summary>Currency of price P&amp;L before conversion to the account currency; the quote currency for forex.</summary>
    public string ProfitCurrency
    {
        get => _profitCurrency ?? QuoteCurrency;
        init => _profitCurrency = value;
    }

    /// <summary>Currency the margin is computed in; the base currency for forex.</summary>
    public string MarginCurrency
    {
        get => _marginCurrency ?? BaseCurrency;
        init => _marginCurrency = value;
    }

    /// <summary>Charged per lot on every deal (each side of a round turn), in the account currency.</summary>
    public double CommissionPerLot { get; init; }

    /// <summary>Fixed margin per lot in the margin currency; 0 means contract size / leverage.</summary>
    public double MarginPerLot { get; init; }

    /// <summary>1:Leverage, used when <see cref="MarginPerLot"/> is 0.</summary>
    public double Leverage { get; init; } = 100;

    /// <summary>Swap for a long position, points per lot per night (negative is a charge).</summary>
    public double SwapLongPoints { get; init; }

    public double SwapShortPoints { get; init; }

    /// <summary>The night that is charged three times to cover the weekend (Wednesday in MT5's default).</summary>
    public DayOfWeek TripleSwapDay { get; init; } = DayOfWeek.Wednesday;

    public double VolumeMin { get; init; } = 0.01;

    public double VolumeMax { get; init; } = 100;

    public double VolumeStep { get; init; } = 0.01;

    /// <summary>Minimum distance of stop loss / take profit from the current price, in points.</summary>
    public int StopsLevelPoints { get; init; }

    public WeeklySessions Sessions { get; init; } = WeeklySessions.Forex;

    /// <summary>UTC time of the daily rollover (swap charge, spread widening): 22:00 UTC is 17:00 New York.</summary>
    public TimeOnly RolloverTime { get; init; } = new(22, 0);

    public double PointScale => PowersOfTen[Digits];

    /// <summary>10^-digits, computed as a division so it is the nearest double to the decimal value.</summary>
    public double Point => 1.0 / PointScale;

    public double PipsPerPoint => Point / PipSize;

    public double RoundToPoint(double price) => Math.Round(price * PointScale) / PointScale;

    public double PointsToPrice(double points) => points / PointScale;

    public double PriceToPoints(double priceDistance) => priceDistance * PointScale;

    /// <summary>Null when the volume is tradable; otherwise why not (MT5 rejects it with INVALID_VOLUME).</summary>
    public string? VolumeProblem(double volume)
    {
        const double Tolerance = 1e-9;
        if (!double.IsFinite(volume) || volume < VolumeMin - Tolerance)
        {
            return $"volume {volume} is below the minimum {VolumeMin} for {Name}";
        }

        if (volume > VolumeMax + Tolerance)
        {
            return $"volume {volume} is above the maximum {VolumeMax} for {Name}";
        }

        double steps = volume / VolumeStep;
        return Math.Abs(steps - Math.Round(steps)) > 1e-6
            ? $"volume {volume} is not a multiple of the step {VolumeStep} for {Name}"
            : null;
    }

    /// <summary>Throws naming the symbol and field when the spec cannot describe a tradable instrument.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(Name), nameof(Name), "is empty");
        Require(Digits is >= 0 and <= 10, nameof(Digits), $"must be 0..10, was {Digits}");
        Require(PipSize > 0, nameof(PipSize), $"must be positive, was {PipSize}");
        Require(ContractSize > 0, nameof(ContractSize), $"must be positive, was {ContractSize}");
        Require(BaseCurrency.Length == 3, nameof(BaseCurrency), $"must be a 3-letter code, was '{BaseCurrency}'");
        Require(QuoteCurrency.Length == 3, nameof(QuoteCurrency), $"must be a 3-letter code, was '{QuoteCurrency}'");
        Require(CommissionPerLot >= 0, nameof(CommissionPerLot), $"must not be negative, was {CommissionPerLot}");
        Require(MarginPerLot >= 0, nameof(MarginPerLot), $"must not be negative, was {MarginPerLot}");
        Require(MarginPerLot > 0 || Leverage > 0, nameof(Leverage), "needs a positive leverage or a margin per lot");
        Require(VolumeMin > 0 && VolumeStep > 0, nameof(VolumeMin), "volume min and step must be positive");
        Require(VolumeMax >= VolumeMin, nameof(VolumeMax), $"{VolumeMax} is below the minimum {VolumeMin}");
        Require(StopsLevelPoints >= 0, nameof(StopsLevelPoints), $"must not be negative, was {StopsLevelPoints}");
    }

    private void Require(bool condition, string field, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"symbol spec {Name}: {field} {problem}");
        }
    }
}
