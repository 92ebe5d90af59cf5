using Releat.MarketData.Time;
using Releat.Trading;

namespace Releat.Training.Evaluation;

/// <summary>
/// What a backtest earned and how steadily, in pips (units × pips, net of spread and commission). Daily figures use
/// forex trading days (ending 22:00 UTC); Sharpe and Sortino are annualised with √252. The edge test is honest about
/// noise: the t statistic of the mean daily P&amp;L; below 2 the result is within two standard errors of flat.
/// </summary>
public sealed record BacktestMetrics(
    double NetPips,
    int Trades,
    double WinRate,
    double? ProfitFactor,
    double AverageTradePips,
    double Sharpe,
    double Sortino,
    double MaxDrawdownPips,
    int Days,
    double TradesPerDay,
    double Exposure,
    double DailyMeanPips,
    double DailyStandardError,
    double EdgeTStatistic)
{
    private const double TradingDaysPerYear = 252;
    private const long ForexDayShiftMs = 2 * UtcTime.MsPerHour;

    /// <summary>Two standard errors: a daily mean further than this from zero is not noise. Every edge claim and
    /// every "lost significantly" in the reports is judged against this one number.</summary>
    public const double SignificantT = 2;

    /// <summary>The mean daily result is more than two standard errors above zero.</summary>
    public bool ClaimsEdge => EdgeTStatistic > SignificantT;

    /// <summary>The result is within two standard errors of flat (zero) either way.</summary>
    public bool WithinNoiseOfFlat => Math.Abs(EdgeTStatistic) <= SignificantT;

    public static BacktestMetrics From(BacktestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        double[] daily = DailyPnl(result);
        double wins = 0, losses = 0;
        int winners = 0;
        foreach (TradeRecord trade in result.Trades)
        {
            if (trade.NetPips > 0)
            {
                wins += trade.NetPips;
                winners++;
            }
            else
            {
                losses -= trade.NetPips;
            }
        }

        int trades = result.Trades.Count;
        (double mean, double sd) = MeanAndDeviation(daily);
        double downside = daily.Length == 0 ? 0 : Math.Sqrt(daily.Sum(d => Math.Min(d, 0) * Math.Min(d, 0)) / daily.Length);
        double standardError = daily.Length > 1 ? sd / Math.Sqrt(daily.Length) : 0;
        return new BacktestMetrics(
            NetPips: result.NetPips,
            Trades: trades,
            WinRate: trades == 0 ? 0 : (double)winners / trades,
            ProfitFactor: losses > 0 ? wins / losses : null,
            AverageTradePips: trades == 0 ? 0 : result.Trades.Sum(t => t.NetPips) / trades,
            Sharpe: sd > 0 ? mean / sd * Math.Sqrt(TradingDaysPerYear) : 0,
            Sortino: downside > 0 ? mean / downside * Math.Sqrt(TradingDaysPerYear) : 0,
            MaxDrawdownPips: MaxDrawdown(result.Equity),
            Days: daily.Length,
            TradesPerDay: daily.Length == 0 ? 0 : (double)trades / daily.Length,
            Exposure: result.Decisions == 0 ? 0 : (double)result.ExposedDecisions / result.Decisions,
            DailyMeanPips: mean,
            DailyStandardError: standardError,
            EdgeTStatistic: standardError > 0 ? mean / standardError : 0);
    }

    /// <summary>The same figures rounded as reports hold them (<see cref="ReportedNumber"/>): pips to 0.1, ratios to 4 places.</summary>
    public BacktestMetrics Rounded() => this with
    {
        NetPips = ReportedNumber.Pips(NetPips),
        WinRate = ReportedNumber.Ratio(WinRate),
        ProfitFactor = ReportedNumber.Ratio(ProfitFactor),
        AverageTradePips = ReportedNumber.Pips(AverageTradePips),
        Sharpe = ReportedNumber.Ratio(Sharpe),
        Sortino = ReportedNumber.Ratio(Sortino),
        MaxDrawdownPips = ReportedNumber.Pips(MaxDrawdownPips),
        TradesPerDay = ReportedNumber.Ratio(TradesPerDay),
        Exposure = ReportedNumber.Ratio(Exposure),
        DailyMeanPips = ReportedNumber.Pips(DailyMeanPips),
        DailyStandardError = ReportedNumber.Pips(DailyStandardError),
        EdgeTStatistic = ReportedNumber.Ratio(EdgeTStatistic),
    };

    /// <summary>P&amp;L of each trading day with decisions: its last equity less the previous day's last.</summary>
    public static double[] DailyPnl(BacktestResult result) => PnlPerPeriod(result, TimeSpan.FromDays(1));

    /// <summary>
    /// P&amp;L of each period with decisions (a period divides a day; days end at 22:00 UTC, the forex day, and shorter
    /// periods are aligned to it): the period's last equity less the previous period's last.
    /// </summary>
    public static double[] PnlPerPeriod(BacktestResult result, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(result);
        long periodMs = (long)period.TotalMilliseconds;
        if (periodMs <= 0 || UtcTime.MsPerDay % periodMs != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "a P&L period must divide a day");
        }

        var pnl = new List<double>();
        double previous = 0;
        for (int i = 0; i < result.Times.Length; i++)
        {
            bool lastOfPeriod = i == result.Times.Length - 1
                || (result.Times[i] + ForexDayShiftMs) / periodMs != (result.Times[i + 1] + ForexDayShiftMs) / periodMs;
            if (lastOfPeriod)
            {
                pnl.Add(result.Equity[i] - previous);
                previous = result.Equity[i];
            }
        }

        return [.. pnl];
    }

    /// <summary>The t statistic of a series' mean against zero (mean over its standard error); 0 when it cannot be had.</summary>
    public static double TStatistic(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        (double mean, double sd) = MeanAndDeviation(values);
        double standardError = values.Length > 1 ? sd / Math.Sqrt(values.Length) : 0;
        return standardError > 0 ? mean / standardError : 0;
    }

    /// <summary>The largest fall of equity from a previous peak (starting from zero), in pips.</summary>
    public static double MaxDrawdown(ReadOnlySpan<double> equity)
    {
        double peak = 0, worst = 0;
        foreach (double e in equity)
        {
            peak = Math.Max(peak, e);
            worst = Math.Max(worst, peak - e);
        }

        return worst;
    }

    private static (double Mean, double Deviation) MeanAndDeviation(double[] values)
    {
        if (values.Length == 0)
        {
            return (0, 0);
        }

        double mean = values.Average();
        double variance = values.Length > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) : 0;
        return (mean, Math.Sqrt(variance));
    }
}
