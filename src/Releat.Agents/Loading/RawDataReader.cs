using System.Globalization;
using Releat.Agents.Config;

namespace Releat.Agents.Loading;

/// <summary>Reads and checks the raw_data section: symbols, source, decision grid, market hours, range and split.</summary>
internal sealed class RawDataReader(YamlSection root, MarketData.Model.SymbolCatalog symbols)
{
    public RawDataConfig Read()
    {
        YamlSection? section = root.Section("raw_data", required: true);
        if (section is null)
        {
            return Placeholder();
        }

        DataSourceKind source = section.Enum("source", (DataSourceKind?)DataSourceKind.Ticks);
        IReadOnlyList<string> symbolNames = ReadSymbols(section);
        CandleSourceConfig? candles = ReadCandles(section, source);
        TimeSpan decision = section.PositiveDuration("decision_timeframe", null);
        TimeSpan offset = section.Duration("time_offset", TimeSpan.Zero);
        if (decision > TimeSpan.Zero && offset >= decision)
        {
            section.Error("time_offset", $"{DurationText.Format(offset)} must be smaller than decision_timeframe {DurationText.Format(decision)}");
        }

        if (candles is not null && decision > TimeSpan.Zero && candles.Timeframe > TimeSpan.Zero)
        {
            if (decision.Ticks % candles.Timeframe.Ticks != 0)
            {
                section.Error("decision_timeframe", $"{DurationText.Format(decision)} must be a multiple of the candle timeframe {DurationText.Format(candles.Timeframe)}");
            }

            if (offset.Ticks % candles.Timeframe.Ticks != 0)
            {
                section.Error("time_offset", $"{DurationText.Format(offset)} must fall on a candle boundary (a multiple of {DurationText.Format(candles.Timeframe)})");
            }
        }

        EmptyBarFill emptyBars = section.Enum("empty_bars", (EmptyBarFill?)EmptyBarFill.FillForward);
        MarketHoursConfig market = ReadMarket(section);
        TimeRange range = ReadRange(section, "data_range", required: true) ?? default;
        DataSplit split = ReadSplit(section, range);
        section.RejectUnknownKeys();
        return new RawDataConfig(source, symbolNames, candles, decision, offset, emptyBars, market, range, split);
    }

    private static RawDataConfig Placeholder() =>
        new(DataSourceKind.Ticks, ["?"], null, TimeSpan.FromSeconds(1), TimeSpan.Zero, EmptyBarFill.FillForward,
            MarketHoursConfig.Forex, default, new DataSplit(default, default, default));

    private List<string> ReadSymbols(YamlSection section)
    {
        var names = new List<string>();
        foreach ((string name, SourceLocation location) in section.ScalarList("symbols", required: true))
        {
            if (!symbols.TryGet(name, out _))
            {
                string known = string.Join(", ", symbols.All.Select(s => s.Name).Order(StringComparer.Ordinal));
                section.ErrorAt(location, section.FieldPath("symbols"), $"unknown symbol '{name}' (the symbol catalog has {known})");
            }
            else if (names.Contains(name))
            {
                section.ErrorAt(location, section.FieldPath("symbols"), $"'{name}' is listed twice");
            }

            names.Add(name);
        }

        if (names.Count == 0 && section.Has("symbols"))
        {
            section.Error("symbols", "must list at least one symbol (the first is the traded one)");
        }

        return names.Count == 0 ? ["?"] : names;
    }

    private static CandleSourceConfig? ReadCandles(YamlSection section, DataSourceKind source)
    {
        YamlSection? candles = section.Section("candles", required: source == DataSourceKind.Candles);
        if (candles is null)
        {
            return null;
        }

        if (source != DataSourceKind.Candles)
        {
            section.Error("candles", "only applies when source is candles");
        }

        TimeSpan timeframe = candles.PositiveDuration("timeframe", null);
        if (timeframe > TimeSpan.Zero && !Enum.IsDefined(typeof(MarketData.Model.Timeframe), (int)timeframe.TotalSeconds))
        {
            candles.Error("timeframe", $"{DurationText.Format(timeframe)} is not a candle period (1m, 5m, 15m, 30m, 1h, 4h, 1d)");
        }

        MarketData.Model.PriceSide side = candles.Enum("side", (MarketData.Model.PriceSide?)MarketData.Model.PriceSide.Bid);
        double spread = candles.Double("spread_pips", 0, 0, 1000);
        candles.RejectUnknownKeys();
        return new CandleSourceConfig(timeframe, side, spread);
    }

    private static MarketHoursConfig ReadMarket(YamlSection section)
    {
        YamlSection? market = section.Section("market", required: false);
        if (market is null)
        {
            return MarketHoursConfig.Forex;
        }

        TimeOnly weekOpen = ReadTimeOfDay(market, "week_open", MarketHoursConfig.Forex.WeekOpen);
        TimeOnly dayEnd = ReadTimeOfDay(market, "day_end", MarketHoursConfig.Forex.DayEnd);
        bool openAllWeek = market.Bool("open_all_week", false);
        var holidays = new List<DateOnly>();
        foreach ((string text, SourceLocation location) in market.ScalarList("holidays", required: false))
        {
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date))
            {
                holidays.Add(date);
            }
            else
            {
                market.ErrorAt(location, market.FieldPath("holidays"), $"'{text}' is not a date such as 2024-12-25");
            }
        }

        market.RejectUnknownKeys();
        return new MarketHoursConfig(weekOpen, dayEnd, holidays, openAllWeek);
    }

    private static TimeOnly ReadTimeOfDay(YamlSection section, string key, TimeOnly fallback)
    {
        string? text = section.OptionalString(key);
        if (text is null)
        {
            return fallback;
        }

        if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly time))
        {
            return time;
        }

        section.Error(key, $"'{text}' is not a UTC time of day HH:mm");
        return fallback;
    }

    private static TimeRange? ReadRange(YamlSection section, string key, bool required)
    {
        YamlSection? range = section.Section(key, required);
        if (range is null)
        {
            return null;
        }

        long start = range.DateMs("start");
        long end = range.DateMs("end");
        range.RejectUnknownKeys();
        if (end <= start && range.Has("start") && range.Has("end"))
        {
            range.Error("end", $"{UtcDateText.Format(end)} must be after start {UtcDateText.Format(start)}");
            return null;
        }

        return new TimeRange(start, end);
    }

    private static DataSplit ReadSplit(YamlSection section, TimeRange dataRange)
    {
        YamlSection? split = section.Section("split", required: true);
        if (split is null)
        {
            return new DataSplit(default, default, default);
        }

        (string Key, TimeRange? Range)[] parts =
        [
            ("train", ReadRange(split, "train", required: true)),
            ("validation", ReadRange(split, "validation", required: true)),
            ("test", ReadRange(split, "test", required: true)),
        ];
        split.RejectUnknownKeys();
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i].Range is not { } range)
            {
                continue;
            }

            if (dataRange.LengthMs > 0 && !dataRange.Covers(range))
            {
                split.Error(parts[i].Key, $"{range} lies outside data_range {dataRange}");
            }

            for (int j = 0; j < i; j++)
            {
                if (parts[j].Range is { } earlier && earlier.Overlaps(range))
                {
                    split.Error(parts[i].Key, $"{range} overlaps {parts[j].Key} {earlier}: the parts of the split must not share any time");
                }
            }
        }

        return new DataSplit(parts[0].Range ?? default, parts[1].Range ?? default, parts[2].Range ?? default);
    }
}
