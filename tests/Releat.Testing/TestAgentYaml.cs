using System.Globalization;
using System.Text;

namespace Releat.Testing;

/// <summary>
/// An agent.yaml for tests, written in one place. The raw_data section is built from the fields (source, symbols,
/// decision timeframe, dates of the split); every other section is its whole text from its key on, with defaults
/// for a tiny agent (10 s decisions on EURUSD, one unit, a network of width 8, 1,000 PPO steps). A test changes the
/// parts it is about, mostly through the section builders below, and keeps the rest.
/// </summary>
public sealed record TestAgentYaml
{
    public string Agent { get; init; } = "test";

    public string Source { get; init; } = "ticks";

    /// <summary>The symbols as a YAML flow list's items, e.g. "EURUSD, GBPUSD".</summary>
    public string Symbols { get; init; } = "EURUSD";

    public string DecisionTimeframe { get; init; } = "10s";

    public string TimeOffset { get; init; } = "3s";

    /// <summary>More raw_data lines (e.g. a candle source), each indented by two spaces.</summary>
    public string RawDataExtra { get; init; } = "";

    public string Start { get; init; } = "2024-01-01";

    public string TrainEnd { get; init; } = "2024-01-20";

    public string ValidationEnd { get; init; } = "2024-01-25";

    public string End { get; init; } = "2024-02-01";

    /// <summary>The features section, "features:" and its groups.</summary>
    public string Features { get; init; } = FeaturesSection(BarGroup("m1", "1m", lags: 2, "price_diff"), PositionGroup);

    public string Environment { get; init; } = EnvironmentSection();

    public string Model { get; init; } = ModelSection();

    public string Training { get; init; } = TrainingSection();

    public string Trading { get; init; } = TradingSection();

    /// <summary>The agent's own position: units held, unrealised P&amp;L and time held, as most agents have it.</summary>
    public const string PositionGroup =
        "  - group: position\n    kind: position\n    features: [position, unrealised_pnl, hold_time]\n";

    /// <summary>The features section with the given groups (YAML list items, each line indented by two spaces).</summary>
    public static string FeaturesSection(params string[] groups) =>
        "features:\n" + string.Concat(groups.Select(g => g.EndsWith('\n') ? g : g + "\n"));

    /// <summary>A bar group: the features (a YAML flow list's items) of the last lags bars of one timeframe.</summary>
    /// <param name="transform">The transform's flow mapping, e.g. "{ standardize: true, clip: 5 }", or null for none.</param>
    public static string BarGroup(string name, string timeframe, int lags, string features, string? transform = null) =>
        $"  - group: {name}\n    timeframe: {timeframe}\n    lags: {Number(lags)}\n    features: [{features}]\n"
        + (transform is null ? "" : $"    transform: {transform}\n");

    /// <summary>A clock group (time features need no bars), by default the time of day.</summary>
    public static string ClockGroup(string features = "time_of_day") =>
        $"  - group: clock\n    kind: time\n    features: [{features}]\n";

    /// <summary>The environment section; a key whose argument is null is left out, so the loader's default applies.</summary>
    public static string EnvironmentSection(
        int maxUnits = 1, string? minHold = null, string maxHold = "1h", double stopPips = 10, double? commissionPips = null,
        double? rewardScaling = null, double? rewardClip = null, int episodeLength = 100, string? closeBeforeWeekend = null,
        string? closeBeforeSessionEnd = null)
    {
        var text = new StringBuilder("environment:\n");
        Line(text, "actions", $"{{ max_units: {maxUnits} }}");
        Line(text, "min_hold", minHold);
        Line(text, "max_hold", maxHold);
        Line(text, "stop_pips", Number(stopPips));
        Line(text, "commission_pips", commissionPips is double c ? Number(c) : null);
        if (rewardScaling is not null || rewardClip is not null)
        {
            Line(text, "reward", $"{{ scaling: {Number(rewardScaling ?? 1)}, clip: {Number(rewardClip ?? 1000)} }}");
        }

        Line(text, "episode_length", Number(episodeLength));
        Line(text, "close_before_weekend", closeBeforeWeekend);
        Line(text, "close_before_session_end", closeBeforeSessionEnd);
        return text.ToString();
    }

    public static string ModelSection(int encoderWidth = 8, string hidden = "8", bool variableSelection = false)
    {
        var text = new StringBuilder("model:\n");
        Line(text, "group_encoder", $"{{ width: {encoderWidth} }}");
        if (variableSelection)
        {
            Line(text, "variable_selection", "{ enabled: true }");
        }

        Line(text, "actor", $"{{ hidden: [{hidden}] }}");
        Line(text, "critic", $"{{ hidden: [{hidden}] }}");
        return text.ToString();
    }

    /// <summary>Every PPO key written out: the sizes given, CleanRL's standard values for the rest.</summary>
    public static string TrainingSection(
        long totalTimesteps = 1000, int numEnvs = 1, int numSteps = 100, int numMinibatches = 1, int updateEpochs = 1,
        double entCoef = 0, double learningRate = 0.001, ulong seed = 1)
    {
        var text = new StringBuilder("training:\n");
        Line(text, "total_timesteps", Number(totalTimesteps));
        Line(text, "learning_rate", Number(learningRate));
        Line(text, "num_envs", Number(numEnvs));
        Line(text, "num_steps", Number(numSteps));
        Line(text, "gamma", "0.99");
        Line(text, "gae_lambda", "0.95");
        Line(text, "num_minibatches", Number(numMinibatches));
        Line(text, "update_epochs", Number(updateEpochs));
        Line(text, "clip_coef", "0.2");
        Line(text, "ent_coef", Number(entCoef));
        Line(text, "vf_coef", "0.5");
        Line(text, "max_grad_norm", "0.5");
        Line(text, "seed", Number(seed));
        return text.ToString();
    }

    /// <param name="sessions">The sessions list as YAML (e.g. "[]"), or null to leave the key out.</param>
    public static string TradingSection(int maxPosition = 1, double dailyLossLimit = 10, string? sessions = null)
    {
        var text = new StringBuilder("trading:\n");
        Line(text, "lot_size_per_unit", "0.01");
        Line(text, "max_position", Number(maxPosition));
        Line(text, "daily_loss_limit", Number(dailyLossLimit));
        Line(text, "stale_signal_age", "5s");
        Line(text, "sessions", sessions);
        return text.ToString();
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"agent: {Agent}\n")
            .Append("raw_data:\n")
            .Append(CultureInfo.InvariantCulture, $"  source: {Source}\n")
            .Append(CultureInfo.InvariantCulture, $"  symbols: [{Symbols}]\n")
            .Append(CultureInfo.InvariantCulture, $"  decision_timeframe: {DecisionTimeframe}\n")
            .Append(CultureInfo.InvariantCulture, $"  time_offset: {TimeOffset}\n");
        if (RawDataExtra.Length > 0)
        {
            text.Append(RawDataExtra.TrimEnd('\n')).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"  data_range: {{ start: {Start}, end: {End} }}\n")
            .Append("  split:\n")
            .Append(CultureInfo.InvariantCulture, $"    train: {{ start: {Start}, end: {TrainEnd} }}\n")
            .Append(CultureInfo.InvariantCulture, $"    validation: {{ start: {TrainEnd}, end: {ValidationEnd} }}\n")
            .Append(CultureInfo.InvariantCulture, $"    test: {{ start: {ValidationEnd}, end: {End} }}\n");
        foreach (string section in (string[])[Features, Environment, Model, Training, Trading])
        {
            text.Append(section.TrimEnd('\n')).Append('\n');
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string key, string? value)
    {
        if (value is not null)
        {
            text.Append("  ").Append(key).Append(": ").Append(value).Append('\n');
        }
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
