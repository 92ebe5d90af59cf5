using Releat.Agents.Loading;
using Releat.Features.Registry;
using Releat.Testing;

namespace Releat.Agents.Tests;

/// <summary>
/// Every kind of mistake is reported with the file, the line it is on and the field's path. The variants are the
/// reference agent's text with one line changed, so each test shows the mistake and where it must be reported.
/// </summary>
public sealed class ConfigErrorTests
{
    private const string File = "agents/t00001/agent.yaml";
    private static readonly AgentConfigLoader Loader = new(new FeatureRegistry());
    private static readonly string Reference = System.IO.File.ReadAllText(Path.Combine(RepositoryRoot.Path, "agents", "t00001", "agent.yaml"));

    [Fact]
    public void The_reference_text_itself_is_valid() => Loader.Parse(Reference, File);

    [Fact]
    public void An_unknown_feature_is_reported_at_its_line()
    {
        ConfigError error = SingleError(
            "features: [price_diff, buy_ratio, sell_ratio, mean_spread]",
            "features: [price_diff, buy_ratio, sell_ratoi, mean_spread]");
        Assert.Equal("features[0].features", error.Field);
        Assert.Contains("unknown feature 'sell_ratoi'", error.Message, StringComparison.Ordinal);
        Assert.Contains("sell_ratio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_typo_in_a_key_is_an_error_with_a_suggestion()
    {
        ConfigError error = SingleError("  gamma: 0.99", "  gama: 0.99", ignore: "training.gamma");
        Assert.Equal("training.gama", error.Field);
        Assert.Contains("did you mean 'gamma'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_in_a_nested_section_is_an_error()
    {
        ConfigError error = SingleError("  reward: { scaling: 0.1, clip: 5 }", "  reward: { scaling: 0.1, clip: 5, bonus: 3 }");
        Assert.Equal("environment.reward.bonus", error.Field);
    }

    [Theory]
    [InlineData("  decision_timeframe: 10s", "  decision_timeframe: 10 sec", "raw_data.decision_timeframe", "not a duration")]
    [InlineData("  decision_timeframe: 10s", "  decision_timeframe: 7x", "raw_data.decision_timeframe", "not a duration")]
    [InlineData("    timeframe: 30s", "    timeframe: 25s", "features[0].timeframe", "multiple of raw_data.decision_timeframe")]
    [InlineData("    lags: 3", "    lags: 0", "features[1].lags", "out of range")]
    public void A_bad_timeframe_or_lag_is_reported(string line, string replacement, string field, string message)
    {
        ConfigError error = SingleError(line, replacement);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  gamma: 0.99", "  gamma: high", "training.gamma", "is not a number")]
    [InlineData("  num_envs: 8", "  num_envs: eight", "training.num_envs", "is not a whole number")]
    [InlineData("  anneal_lr: true", "  anneal_lr: yes", "training.anneal_lr", "is not true or false")]
    [InlineData("  empty_bars: fill_forward        # or zero", "  empty_bars: forward", "raw_data.empty_bars", "is not one of fill_forward, zero")]
    [InlineData("  data_range: { start: 2024-01-01, end: 2025-01-01 }", "  data_range: { start: 2024-13-01, end: 2025-01-01 }", "raw_data.data_range.start", "is not a UTC date")]
    public void A_malformed_value_is_reported_once(string line, string replacement, string field, string message)
    {
        ConfigError error = SingleError(line, replacement, ignore: "raw_data.split.train raw_data.split.validation raw_data.split.test");
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_splits_are_reported()
    {
        ConfigError error = SingleError(
            "    validation: { start: 2024-09-01, end: 2024-11-01 }",
            "    validation: { start: 2024-08-15, end: 2024-11-01 }");
        Assert.Equal("raw_data.split.validation", error.Field);
        Assert.Contains("overlaps train", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_split_outside_the_data_range_is_reported()
    {
        ConfigError error = SingleError(
            "    test: { start: 2024-11-01, end: 2025-01-01 }",
            "    test: { start: 2024-11-01, end: 2025-02-01 }");
        Assert.Equal("raw_data.split.test", error.Field);
        Assert.Contains("outside data_range", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10s")]
    [InlineData("12s")]
    public void An_offset_not_smaller_than_the_decision_timeframe_is_reported(string offset)
    {
        ConfigError error = SingleError("  time_offset: 3s ", $"  time_offset: {offset} ");
        Assert.Equal("raw_data.time_offset", error.Field);
        Assert.Contains("must be smaller than decision_timeframe 10s", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("environment")]
    [InlineData("model")]
    [InlineData("trading")]
    [InlineData("raw_data")]
    public void A_missing_section_is_reported(string section)
    {
        string text = RemoveSection(Reference, section);
        AgentConfigException exception = Assert.Throws<AgentConfigException>(() => Loader.Parse(text, File));
        ConfigError error = Assert.Single(exception.Errors, e => e.Field == section);
        Assert.Equal((File, LineOf(text, "agent: t00001")), (error.Location.File, error.Location.Line));
        Assert.Contains("section is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_symbol_is_reported()
    {
        // The groups that name EURUSD are reported too: they no longer name a listed symbol.
        ConfigError error = SingleError("  symbols: [EURUSD]", "  symbols: [EURUSX]", ignore: "features[0].symbol features[1].symbol");
        Assert.Equal("raw_data.symbols", error.Field);
        Assert.Contains("unknown symbol 'EURUSX'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Minibatches_that_do_not_divide_the_batch_are_reported()
    {
        ConfigError error = SingleError("  num_minibatches: 4", "  num_minibatches: 3");
        Assert.Equal("training.num_minibatches", error.Field);
    }

    [Fact]
    public void A_batch_too_large_for_the_rollout_buffer_is_reported_instead_of_overflowing()
    {
        // 65,536 × 2^24 wraps an int to 0: before this check it passed as "no batch at all".
        string text = System.IO.File.ReadAllText(Path.Combine(RepositoryRoot.Path, File));
        string changed = Replace(Replace(text, "  num_envs: 8", "  num_envs: 65536"), "  num_steps: 256", "  num_steps: 16777216");
        AgentConfigException exception = Assert.Throws<AgentConfigException>(() => Loader.Parse(changed, File));
        ConfigError error = Assert.Single(exception.Errors, e => e.Field == "training.num_steps");
        Assert.Contains("1,099,511,627,776 transitions per batch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tick_feature_on_a_candle_agent_is_reported()
    {
        string text = System.IO.File.ReadAllText(Path.Combine(RepositoryRoot.Path, "agents", "c00001", "agent.yaml"));
        string changed = Replace(text, "    features: [candle_return, candle_range, close_diff]", "    features: [candle_return, tick_count]");
        AgentConfigException exception = Assert.Throws<AgentConfigException>(() => Loader.Parse(changed, "agents/c00001/agent.yaml"));
        ConfigError error = Assert.Single(exception.Errors);
        Assert.Equal(LineOf(changed, "[candle_return, tick_count]"), error.Location.Line);
        Assert.Contains("'tick_count' needs ticks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        string text = Replace(Replace(Replace(Reference, "  gamma: 0.99", "  gamma: 1.5"), "    lags: 5", "    lags: many"), "  stop_pips: 15", "  stop_pips: -3");
        AgentConfigException exception = Assert.Throws<AgentConfigException>(() => Loader.Parse(text, File));
        Assert.Equal(["features[0].lags", "environment.stop_pips", "training.gamma"], exception.Errors.Select(e => e.Field));
        Assert.Contains($"{File}:{LineOf(text, "  gamma: 1.5")}:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_is_reported_at_its_line()
    {
        string text = Replace(Reference, "  stop_pips: 15", "  stop_pips: [15");
        AgentConfigException exception = Assert.Throws<AgentConfigException>(() => Loader.Parse(text, File));
        ConfigError error = Assert.Single(exception.Errors);
        Assert.Equal("(yaml)", error.Field);
        Assert.InRange(error.Location.Line, LineOf(text, "  stop_pips: [15"), LineOf(text, "  stop_pips: [15") + 2);
    }

    [Fact]
    public void An_id_that_does_not_match_its_folder_is_reported()
    {
        AgentConfigException exception = Assert.Throws<AgentConfigException>(() => Loader.Parse(Reference, "agents/t00002/agent.yaml"));
        ConfigError error = Assert.Single(exception.Errors);
        Assert.Equal(("agent", 4), (error.Field, error.Location.Line));
    }

    [Fact]
    public void A_missing_file_is_reported_with_its_path()
    {
        AgentConfigException exception = Assert.Throws<AgentConfigException>(() => Loader.Load("/nonexistent/agent.yaml"));
        Assert.Contains("/nonexistent/agent.yaml", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>Replaces one line and expects exactly one error on it, besides those in <paramref name="ignore"/>.</summary>
    private static ConfigError SingleError(string line, string replacement, string ignore = "")
    {
        string text = Replace(Reference, line, replacement);
        AgentConfigException exception = Assert.Throws<AgentConfigException>(() => Loader.Parse(text, File));
        List<ConfigError> errors = [.. exception.Errors.Where(e => !ignore.Split(' ').Contains(e.Field))];
        ConfigError error = Assert.Single(errors);
        Assert.Equal(File, error.Location.File);
        Assert.Equal(LineOf(text, replacement), error.Location.Line);
        Assert.Contains($"{File}:{error.Location.Line}:", exception.Message, StringComparison.Ordinal);
        return error;
    }

    private static string Replace(string text, string line, string replacement)
    {
        Assert.True(text.Contains(line, StringComparison.Ordinal), $"the reference text has no line '{line}'");
        int at = text.IndexOf(line, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + line.Length));
    }

    private static int LineOf(string text, string snippet)
    {
        string[] lines = text.Split('\n');
        return Array.FindIndex(lines, l => l.Contains(snippet, StringComparison.Ordinal)) + 1;
    }

    private static string RemoveSection(string text, string section)
    {
        var kept = new List<string>();
        bool skipping = false;
        foreach (string line in text.Split('\n'))
        {
            if (line.StartsWith(section + ":", StringComparison.Ordinal))
            {
                skipping = true;
                continue;
            }

            if (skipping && line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                skipping = false;
            }

            if (!skipping)
            {
                kept.Add(line);
            }
        }

        return string.Join('\n', kept);
    }
}
