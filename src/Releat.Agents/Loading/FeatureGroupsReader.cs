using System.Text.RegularExpressions;
using Releat.Agents.Config;

namespace Releat.Agents.Loading;

/// <summary>Reads the features list: each group's kind, symbol, bar timeframe, lags, feature names and transform.</summary>
internal sealed partial class FeatureGroupsReader(YamlSection root, RawDataConfig rawData, IFeatureCatalog catalog)
{
    private const int MaxLags = 10_000;

    public IReadOnlyList<FeatureGroupConfig> Read()
    {
        IReadOnlyList<YamlSection> sections = root.SectionList("features", required: true);
        if (sections.Count == 0 && root.Has("features"))
        {
            root.Error("features", "must list at least one feature group");
        }

        var groups = new List<FeatureGroupConfig>(sections.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (YamlSection section in sections)
        {
            FeatureGroupConfig group = ReadGroup(section);
            if (group.Name.Length > 0 && !names.Add(group.Name))
            {
                section.Error("group", $"'{group.Name}' is used by another group; group names must be unique");
            }

            groups.Add(group);
        }

        return groups;
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex GroupName();

    private FeatureGroupConfig ReadGroup(YamlSection section)
    {
        string name = section.String("group");
        if (name.Length > 0 && !GroupName().IsMatch(name))
        {
            section.Error("group", $"'{name}' must be lower case letters, digits and '_', starting with a letter");
        }

        FeatureGroupKind kind = section.Enum("kind", (FeatureGroupKind?)FeatureGroupKind.Bars);
        bool bars = kind == FeatureGroupKind.Bars;
        string symbol = ReadSymbol(section, bars);
        TimeSpan timeframe = ReadTimeframe(section, bars);
        int lags = bars ? section.Int("lags", null, 1, MaxLags) : OnlyForBars(section, "lags");
        IReadOnlyList<string> features = ReadFeatureNames(section, kind);
        TransformConfig transform = ReadTransform(section, kind);
        section.RejectUnknownKeys();
        return new FeatureGroupConfig(name, kind, symbol, timeframe, lags, features, transform, section.Location);
    }

    private string ReadSymbol(YamlSection section, bool bars)
    {
        string? symbol = section.OptionalString("symbol");
        if (symbol is null)
        {
            return bars ? rawData.Symbols[0] : "";
        }

        if (!bars)
        {
            section.Error("symbol", "only bars groups have a symbol");
        }
        else if (!rawData.Symbols.Contains(symbol))
        {
            section.Error("symbol", $"'{symbol}' is not in raw_data.symbols ({string.Join(", ", rawData.Symbols)})");
        }

        return symbol;
    }

    private TimeSpan ReadTimeframe(YamlSection section, bool bars)
    {
        if (!bars)
        {
            OnlyForBars(section, "timeframe");
            return TimeSpan.Zero;
        }

        TimeSpan timeframe = section.PositiveDuration("timeframe", null);
        TimeSpan decision = rawData.DecisionTimeframe;
        if (timeframe > TimeSpan.Zero && decision > TimeSpan.Zero && timeframe.Ticks % decision.Ticks != 0)
        {
            // Bars are unions of whole decision steps; that is what lets one per-step summary serve every group.
            section.Error("timeframe", $"{DurationText.Format(timeframe)} must be a multiple of raw_data.decision_timeframe {DurationText.Format(decision)}");
        }

        return timeframe;
    }

    private static int OnlyForBars(YamlSection section, string key)
    {
        if (section.Has(key))
        {
            section.Error(key, "only bars groups have " + key);
        }

        return 0;
    }

    private List<string> ReadFeatureNames(YamlSection section, FeatureGroupKind kind)
    {
        var features = new List<string>();
        foreach ((string feature, SourceLocation location) in section.ScalarList("features", required: true))
        {
            string? problem = catalog.Check(kind, rawData.Source, feature);
            if (problem is not null)
            {
                section.ErrorAt(location, section.FieldPath("features"), problem);
            }
            else if (features.Contains(feature))
            {
                section.ErrorAt(location, section.FieldPath("features"), $"'{feature}' is listed twice");
            }

            features.Add(feature);
        }

        if (features.Count == 0 && section.Has("features"))
        {
            section.Error("features", "must name at least one feature");
        }

        return features;
    }

    private static TransformConfig ReadTransform(YamlSection section, FeatureGroupKind kind)
    {
        YamlSection? transform = section.Section("transform", required: false);
        if (transform is null)
        {
            return TransformConfig.None;
        }

        if (kind != FeatureGroupKind.Bars)
        {
            section.Error("transform", "only bars groups are transformed (time and position features are already scaled)");
        }

        PercentileRange? clipPercentiles = null;
        IReadOnlyList<(string Value, SourceLocation Location)> percentiles = transform.ScalarList("clip_percentiles", required: false);
        if (percentiles.Count > 0)
        {
            if (percentiles.Count != 2
                || !double.TryParse(percentiles[0].Value, System.Globalization.CultureInfo.InvariantCulture, out double lower)
                || !double.TryParse(percentiles[1].Value, System.Globalization.CultureInfo.InvariantCulture, out double upper)
                || lower < 0 || upper > 100 || lower >= upper)
            {
                transform.Error("clip_percentiles", "must be [lower, upper] percentiles with 0 <= lower < upper <= 100");
            }
            else
            {
                clipPercentiles = new PercentileRange(lower, upper);
            }
        }

        bool yeoJohnson = transform.Bool("yeo_johnson", false);
        bool standardize = transform.Bool("standardize", yeoJohnson);
        bool compressTails = transform.Bool("compress_tails", false);
        double? clip = transform.OptionalDouble("clip", 0, 1e6);
        if (clip is <= 0)
        {
            transform.Error("clip", "must be greater than 0");
        }

        if (compressTails && !standardize)
        {
            // The knots at 2 and 3 are in standard deviations; on raw pips they would mean nothing.
            transform.Error("compress_tails", "needs standardize: true (the tails are measured in standard deviations)");
        }

        transform.RejectUnknownKeys();
        return new TransformConfig(clipPercentiles, yeoJohnson, standardize, compressTails, clip);
    }
}
