using System.Globalization;
using System.Text.Json;

namespace Releat.Cli.Tests;

/// <summary>
/// The CLI as a pipe, a log file or CI sees it: no escape code (byte 0x1B) anywhere, progress as plain lines, tables
/// within 80 columns with whole headers and one line per row, and --json printing one JSON document with figures
/// rounded to what they mean.
/// </summary>
public sealed class PlainOutputTests(TinyMarket market) : IClassFixture<TinyMarket>
{
    private const int Width = 80;
    private const byte Escape = 0x1B;

    [Fact]
    public void Train_redirected_prints_plain_progress_lines_within_80_columns()
    {
        CliRun train = market.Train;
        Assert.DoesNotContain(Escape, train.StdoutBytes);
        Assert.DoesNotContain(Escape, train.StderrBytes);
        AssertFits(train);
        Assert.Contains(train.StdoutLines, l => l.StartsWith("tiny: 512/512 steps", StringComparison.Ordinal) && l.EndsWith("(100%)", StringComparison.Ordinal));
        Assert.Contains(train.StdoutLines, l => l.StartsWith("tiny: completed at 512 of 512 steps", StringComparison.Ordinal));
        // Progress is throttled (a line per 10% or 5 s), not one per update: four updates here, so at most a handful of lines.
        Assert.InRange(train.StdoutLines.Count(l => l.Contains(" steps, ", StringComparison.Ordinal)), 1, 6);
    }

    [Fact]
    public async Task Backtest_table_fits_80_columns_with_whole_headers_and_one_line_per_policy()
    {
        CliRun backtest = await market.RunAsync("backtest", "tiny");
        Assert.True(backtest.ExitCode == 0, backtest.Stdout + backtest.Stderr);
        Assert.DoesNotContain(Escape, backtest.StdoutBytes);
        AssertFits(backtest);
        Assert.DoesNotContain("…", backtest.Stdout, StringComparison.Ordinal);

        IReadOnlyList<string> lines = backtest.StdoutLines;
        int header = lines.ToList().FindIndex(l => l.StartsWith("policy", StringComparison.Ordinal));
        Assert.True(header >= 0, backtest.Stdout);
        foreach (string column in new[] { "policy", "net pips", "trades", "win%", "Sharpe", "max DD" })
        {
            Assert.Contains(column, lines[header], StringComparison.Ordinal);
        }

        // Each policy on one line, every figure whole: a wrapped number would leave a row with a fragment.
        string[] rows = [.. lines.Skip(header + 2).TakeWhile(l => !l.StartsWith("report:", StringComparison.Ordinal) && !l.StartsWith("not shown", StringComparison.Ordinal))];
        Assert.Equal(["flat", "random", "momentum", "buy-and-hold", "sell-and-hold"], rows.Skip(1).Select(r => r.Split(' ')[0]));
        Assert.Contains(lines, l => l.StartsWith("deployable: ", StringComparison.Ordinal));   // what the live path would do with it
        int cells = rows[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        foreach (string row in rows)
        {
            string[] parts = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(cells, parts.Length);
            Assert.All(parts.Skip(1), p => Assert.True(p == "-" || double.TryParse(p.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out _), $"'{p}' in '{row}'"));
        }
    }

    [Fact]
    public async Task Backtest_json_is_one_document_with_pips_to_a_tenth_and_ratios_to_four_places()
    {
        CliRun backtest = await market.RunAsync("backtest", "tiny", "--json");
        Assert.True(backtest.ExitCode == 0, backtest.Stdout + backtest.Stderr);
        Assert.DoesNotContain(Escape, backtest.StdoutBytes);
        using JsonDocument json = JsonDocument.Parse(backtest.Stdout);
        Assert.Equal("tiny", json.RootElement.GetProperty("agent").GetString());
        JsonElement policies = json.RootElement.GetProperty("policies");
        Assert.Equal(["agent", "flat", "random", "momentum", "buy-and-hold", "sell-and-hold"], policies.EnumerateObject().Select(p => p.Name));
        Assert.True(json.RootElement.GetProperty("deployable").ValueKind is JsonValueKind.True or JsonValueKind.False);   // the checkpoint's deploy verdict
        Assert.StartsWith("validation t ", json.RootElement.GetProperty("deploy_reason").GetString(), StringComparison.Ordinal);
        foreach (JsonProperty policy in policies.EnumerateObject())
        {
            AssertDecimals(policy.Value, "net_pips", 1);
            AssertDecimals(policy.Value, "max_drawdown_pips", 1);
            AssertDecimals(policy.Value, "average_trade_pips", 1);
            AssertDecimals(policy.Value, "sharpe", 4);
            AssertDecimals(policy.Value, "win_rate", 4);
            AssertDecimals(policy.Value, "exposure", 4);
            AssertDecimals(policy.Value, "edge_t_statistic", 4);
        }

        // The file written beside the HTML report holds the same rounded figures.
        string summary = Directory.EnumerateFiles(Path.Combine(market.Folder, "data"), "*-test.json", SearchOption.AllDirectories).First();
        using JsonDocument written = JsonDocument.Parse(await File.ReadAllTextAsync(summary));
        foreach (JsonProperty policy in written.RootElement.GetProperty("policies").EnumerateObject())
        {
            AssertDecimals(policy.Value, "net_pips", 1);
            AssertDecimals(policy.Value, "sortino", 4);
        }
    }

    [Fact]
    public async Task Train_json_prints_only_the_json_summary_on_stdout()
    {
        CliRun train = await market.RunAsync("train", "tiny", "--json");
        Assert.True(train.ExitCode == 0, train.Stdout + train.Stderr);
        Assert.DoesNotContain(Escape, train.StdoutBytes);
        Assert.DoesNotContain(Escape, train.StderrBytes);
        using JsonDocument json = JsonDocument.Parse(train.Stdout);
        Assert.Equal(("tiny", "completed", 512), (json.RootElement.GetProperty("agent").GetString(),
            json.RootElement.GetProperty("stage").GetString(), json.RootElement.GetProperty("steps").GetInt32()));
        AssertDecimals(json.RootElement, "mean_episode_reward", 4);
    }

    [Fact]
    public async Task Evaluate_piped_prints_its_table_verdict_and_report_within_80_columns_and_json_holds_the_same_summary()
    {
        string[] args = ["evaluate", "tiny", "--folds", "2", "--seeds", "1", "--steps", "512", "--name", "piped"];
        CliRun evaluate = await market.RunAsync(args);
        Assert.True(evaluate.ExitCode == 0, evaluate.Stdout + evaluate.Stderr);
        Assert.DoesNotContain(Escape, evaluate.StdoutBytes);
        Assert.DoesNotContain(Escape, evaluate.StderrBytes);
        AssertFits(evaluate);
        IReadOnlyList<string> lines = evaluate.StdoutLines;
        int header = lines.ToList().FindIndex(l => l.StartsWith("policy", StringComparison.Ordinal));
        Assert.True(header >= 0, evaluate.Stdout);
        string[] rows = [.. lines.Skip(header + 2).Take(7)];
        Assert.Equal(["agent", "ungated", "flat", "random", "momentum", "buy-and-hold", "sell-and-hold"], rows.Select(r => r.Split(' ')[0]));
        Assert.Contains(lines, l => l.StartsWith("verdict: ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("wall time: ", StringComparison.Ordinal));
        string report = lines.Single(l => l.StartsWith("report: ", StringComparison.Ordinal))["report: ".Length..];
        string html = await File.ReadAllTextAsync(Path.Combine(market.Folder, report));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);

        // Run again with --json: every fold x seed is resumed from disk, and the document is the summary file's.
        CliRun json = await market.RunAsync([.. args, "--json"]);
        Assert.True(json.ExitCode == 0, json.Stdout + json.Stderr);
        string summary = lines.Single(l => l.StartsWith("summary: ", StringComparison.Ordinal))["summary: ".Length..];
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(market.Folder, summary)), json.Stdout.TrimEnd('\n'));
        using JsonDocument document = JsonDocument.Parse(json.Stdout);
        Assert.Equal(7, document.RootElement.GetProperty("policies").GetArrayLength());
        AssertDecimals(document.RootElement.GetProperty("policies")[0], "net_pips", 1);
        Assert.Contains("tiny: 2/2 folds x seeds, 2 resumed", json.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_shows_absent_ppo_keys_as_defaults_written_ones_by_line_and_overrides()
    {
        CliRun config = await market.RunAsync("config", "tiny", "--set", "training.ent_coef=0.02");
        Assert.True(config.ExitCode == 0, config.Stdout + config.Stderr);
        Assert.DoesNotContain(Escape, config.StdoutBytes);
        AssertFits(config);
        int numStepsLine = TinyMarket.AgentYaml.Split('\n').ToList().FindIndex(l => l.Contains("num_steps:", StringComparison.Ordinal)) + 1;
        Assert.Contains(config.StdoutLines, l => l == "default   training.gamma = 0.99");
        Assert.Contains(config.StdoutLines, l => l == "default   training.clip_coef = 0.2");
        Assert.Contains(config.StdoutLines, l => l == "default   training.learning_rate = 0.00025");
        Assert.Contains(config.StdoutLines, l => l == $"line {numStepsLine,-4} training.num_steps = 64");
        Assert.Contains(config.StdoutLines, l => l == "--set     training.ent_coef = 0.02");

        CliRun json = await market.RunAsync("config", "tiny", "--json");
        using JsonDocument document = JsonDocument.Parse(json.Stdout);
        JsonElement gamma = document.RootElement.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("field").GetString() == "training.gamma");
        Assert.Equal(("0.99", "default"), (gamma.GetProperty("value").GetString(), gamma.GetProperty("origin").GetString()));
    }

    [Fact]
    public async Task An_unknown_training_key_is_refused_with_its_file_and_line()
    {
        CliRun config = await market.RunAsync("config", "tiny", "--set", "training.gama=0.9");
        Assert.Equal(2, config.ExitCode);
        Assert.Contains("training.gama: unknown key; did you mean 'gamma'?", config.Stderr, StringComparison.Ordinal);
        Assert.Contains("agent.yaml:", config.Stderr, StringComparison.Ordinal);
    }

    [PseudoTerminalFact]
    public async Task Under_a_terminal_progress_is_redrawn_and_NO_COLOR_turns_every_escape_code_off()
    {
        string[] underTerminal = [PseudoTerminalFactAttribute.Script, "-qec"];
        var environment = new Dictionary<string, string?>(market.Environment) { ["TERM"] = "xterm-256color" };
        CliRun rich = await CliRun.RunAsync(market.Folder, environment, ["build-train-data", "tiny"], TinyMarket.Timeout, underTerminal);
        Assert.True(rich.ExitCode == 0, rich.Stdout + rich.Stderr);
        Assert.Contains(Escape, rich.StdoutBytes);

        environment["NO_COLOR"] = "1";
        CliRun plain = await CliRun.RunAsync(market.Folder, environment, ["build-train-data", "tiny"], TinyMarket.Timeout, underTerminal);
        Assert.True(plain.ExitCode == 0, plain.Stdout + plain.Stderr);
        // The .NET runtime itself switches a terminal's keypad to application mode and back (terminfo's smkx/rmkx)
        // for any program writing to it; no colour, cursor or redraw code of releat's may remain beside them.
        string output = plain.Stdout.Replace("\u001b[?1h\u001b=", "", StringComparison.Ordinal).Replace("\u001b[?1l\u001b>", "", StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', output);
        Assert.Contains("tiny: ", plain.Stdout, StringComparison.Ordinal);
    }

    private static void AssertFits(CliRun run)
    {
        foreach (string line in run.Stdout.Split('\n').Concat(run.Stderr.Split('\n')))
        {
            Assert.True(line.TrimEnd('\r').Length <= Width, $"{line.Length} columns: '{line}'");
        }
    }

    private static void AssertDecimals(JsonElement parent, string property, int places)
    {
        JsonElement value = parent.GetProperty(property);
        string text = value.GetRawText();
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        int decimals = dot < 0 || text.Contains('e', StringComparison.OrdinalIgnoreCase) ? 0 : text.Length - dot - 1;
        Assert.True(decimals <= places, $"{property} = {text} has more than {places} decimals");
    }
}
