using Releat.Agents.Config;
using Releat.Features.Bars;
using Releat.Features.Registry;
using Releat.MarketData.Calendar;
using Releat.MarketData.Model;

namespace Releat.Features.Engine;

/// <summary>
/// An agent's features compiled for the engine: the decision grid, symbols with their price scales, the market
/// calendar, each group resolved to feature objects and column offsets, and the observation layout. Both drivers
/// run from the same plan.
/// </summary>
public sealed class FeaturePlan
{
    private FeaturePlan(AgentConfig config, IReadOnlyList<PriceScale> scales, MarketCalendar calendar,
        IReadOnlyList<BarGroupPlan> barGroups, IReadOnlyList<TimeGroupPlan> timeGroups, ObservationLayout layout)
    {
        Config = config;
        Scales = scales;
        Calendar = calendar;
        BarGroups = barGroups;
        TimeGroups = timeGroups;
        Layout = layout;
        WarmupSteps = barGroups.Count == 0 ? 1 : barGroups.Max(g => g.LookbackSteps);
        DecisionStepMs = config.RawData.DecisionStepMs;
        TimeOffsetMs = config.RawData.TimeOffsetMs;
        EmptyBars = config.RawData.EmptyBars;
    }

    public AgentConfig Config { get; }

    public IReadOnlyList<string> Symbols => Config.RawData.Symbols;

    public IReadOnlyList<PriceScale> Scales { get; }

    public long DecisionStepMs { get; }

    public long TimeOffsetMs { get; }

    public EmptyBarFill EmptyBars { get; }

    public MarketCalendar Calendar { get; }

    public IReadOnlyList<BarGroupPlan> BarGroups { get; }

    public IReadOnlyList<TimeGroupPlan> TimeGroups { get; }

    public ObservationLayout Layout { get; }

    /// <summary>Whole decision steps of history the oldest lag needs before a decision can be emitted.</summary>
    public int WarmupSteps { get; }

    public long LookbackMs => WarmupSteps * DecisionStepMs;

    /// <summary>The decision time that ends step <paramref name="stepIndex"/>: index · step + offset.</summary>
    public long DecisionTime(long stepIndex) => (stepIndex * DecisionStepMs) + TimeOffsetMs;

    /// <summary>The step containing <paramref name="timeMs"/>: the one whose decision time is the first after it.</summary>
    public long StepIndexOf(long timeMs) => FloorDiv(timeMs - TimeOffsetMs, DecisionStepMs) + 1;

    /// <summary>The last decision time at or before <paramref name="timeMs"/> (the decision a fill at that time belongs to).</summary>
    public long DecisionTimeAtOrBefore(long timeMs) => DecisionTimeAtOrBefore(timeMs, DecisionStepMs, TimeOffsetMs);

    /// <summary>The same on any decision grid, for callers holding only an agent config's timeframe and offset.</summary>
    public static long DecisionTimeAtOrBefore(long timeMs, long decisionStepMs, long timeOffsetMs) =>
        (FloorDiv(timeMs - timeOffsetMs, decisionStepMs) * decisionStepMs) + timeOffsetMs;

    /// <summary>The first decision time at or after <paramref name="timeMs"/>.</summary>
    public long DecisionTimeAtOrAfter(long timeMs) => DecisionTime(-FloorDiv(-(timeMs - TimeOffsetMs), DecisionStepMs));

    public static FeaturePlan Compile(AgentConfig config, FeatureRegistry registry, SymbolCatalog? symbols = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(registry);
        symbols ??= SymbolCatalog.Defaults;
        var scales = new List<PriceScale>();
        foreach (string symbol in config.RawData.Symbols)
        {
            if (!symbols.TryGet(symbol, out SymbolSpec spec))
            {
                throw new FeaturePlanException($"{config.SourceFile}: raw_data.symbols: no symbol spec for '{symbol}'");
            }

            scales.Add(PriceScale.For(spec));
        }

        var columns = new List<ObservationColumn>();
        var barGroups = new List<BarGroupPlan>();
        var timeGroups = new List<TimeGroupPlan>();
        var agentState = new List<string>();
        foreach (FeatureGroupConfig group in config.Features)
        {
            switch (group.Kind)
            {
                case FeatureGroupKind.Bars:
                    barGroups.Add(CompileBars(config, registry, group, columns));
                    break;
                case FeatureGroupKind.Time:
                    timeGroups.Add(CompileTime(registry, group, columns));
                    break;
                case FeatureGroupKind.Position:
                    agentState.AddRange(group.Features.Select(f => $"{group.Name}.{f}"));
                    break;
                default:
                    throw new FeaturePlanException($"{group.Location}: group '{group.Name}' has unknown kind {group.Kind}");
            }
        }

        return new FeaturePlan(config, scales, CalendarOf(config.RawData.Market), barGroups, timeGroups,
            new ObservationLayout(columns, agentState));
    }

    private static BarGroupPlan CompileBars(AgentConfig config, FeatureRegistry registry, FeatureGroupConfig group, List<ObservationColumn> columns)
    {
        int symbol = IndexOf(config.RawData.Symbols, group.Symbol);
        long step = config.RawData.DecisionStepMs;
        if (symbol < 0 || group.TimeframeMs % step != 0 || group.Lags < 1)
        {
            throw new FeaturePlanException($"{group.Location}: group '{group.Name}' has an invalid symbol, timeframe or lag count");
        }

        IBarFeature[] features = [.. group.Features.Select(registry.BarFeature)];
        var plan = new BarGroupPlan(group.Name, symbol, (int)(group.TimeframeMs / step), group.Lags, features, columns.Count);
        for (int lag = 0; lag < group.Lags; lag++)
        {
            foreach (IBarFeature feature in features)
            {
                columns.Add(new ObservationColumn($"{group.Name}.{feature.Name}.lag{lag}", group.Name, group.Transform));
            }
        }

        return plan;
    }

    private static TimeGroupPlan CompileTime(FeatureRegistry registry, FeatureGroupConfig group, List<ObservationColumn> columns)
    {
        ITimeFeature[] features = [.. group.Features.Select(registry.TimeFeature)];
        var plan = new TimeGroupPlan(group.Name, features, columns.Count);
        foreach (ITimeFeature feature in features)
        {
            foreach (string output in feature.Outputs)
            {
                columns.Add(new ObservationColumn($"{group.Name}.{feature.Name}.{output}", group.Name, TransformConfig.None));
            }
        }

        return plan;
    }

    /// <summary>The market calendar of an agent's market hours: the engine skips closed times, the position rules close before them.</summary>
    public static MarketCalendar CalendarOf(MarketHoursConfig market) =>
        new(market.OpenAllWeek ? WeeklySessions.AllWeek : WeeklySessions.ForexWeek(market.WeekOpen),
            market.Holidays.Select(d => MarketHoliday.TradingDay(d, $"holiday {d:yyyy-MM-dd}", market.DayEnd)));

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static long FloorDiv(long a, long b) => (a / b) - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}
