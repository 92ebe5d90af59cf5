using System.CommandLine;
using System.Globalization;
using Releat.Agents.Loading;
using Releat.Features.Registry;
using Releat.Training.Evaluation;
using Releat.Cli.Output;
using Releat.Training.Runs;

namespace Releat.Cli.Commands;

/// <summary>
/// `releat backtest &lt;agent&gt; [--checkpoint dir] [--period validation|test]`: the trained policy, greedily, against
/// five baselines (flat, random, momentum, buy and hold, sell and hold) on a held-out period; an offline HTML report and a JSON summary.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create()
    {
        var agent = new Argument<string>("agent") { Description = "Agent id: agents/<id>/agent.yaml." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Checkpoint folder (default: the run's best on validation, else its latest)." };
        var period = new Option<string>("--period") { Description = "validation or test.", DefaultValueFactory = _ => "test" };
        period.AcceptOnlyFromAmong("validation", "test");
        var run = new Option<string>("--run") { Description = "Run name under agents/<id>/runs/.", DefaultValueFactory = _ => AgentPaths.DefaultRun };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the fill draws and the random baseline.", DefaultValueFactory = _ => 1 };
        var json = JsonOption.Create();
        var command = new Command("backtest", "Backtest a trained agent against five baselines (flat, random, momentum, buy and hold, sell and hold); writes an HTML report and JSON.")
        {
            agent, checkpoint, period, run, seed, json,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            new BacktestOptions
            {
                AgentId = parse.GetValue(agent)!,
                Home = ReleatHome.Path,
                Checkpoint = parse.GetValue(checkpoint) is { } dir ? Path.GetFullPath(dir) : null,
                Period = parse.GetValue(period) == "validation" ? BacktestPeriod.Validation : BacktestPeriod.Test,
                RunName = parse.GetValue(run)!,
                FillSeed = parse.GetValue(seed),
                BaselineSeed = parse.GetValue(seed),
            },
            parse.GetValue(json),
            cancellation));
        return command;
    }

    private static async Task<int> RunAsync(BacktestOptions options, bool json, CancellationToken cancellation)
    {
        BacktestReportFiles report;
        try
        {
            report = await new BacktestRun(options, new FeatureRegistry()).RunAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AgentConfigException or FileNotFoundException or ArgumentException or InvalidOperationException
            or InvalidDataException or NotSupportedException)
        {
            Console.Error.WriteLine($"releat backtest: {e.Message}");
            return 2;
        }

        if (json)
        {
            JsonOutput.WriteRaw(BacktestSummary.Of(report.Comparison).ToJson());
            return 0;
        }

        int width = Terminal.Width;
        BacktestComparison comparison = report.Comparison;
        TextWrap.WriteTo(Console.Out, $"{options.AgentId}, {comparison.Period} period, checkpoint {comparison.Checkpoint} (pips net of costs)", width);
        Console.WriteLine();
        Table(comparison).WriteTo(Console.Out, width);
        Console.WriteLine();
        TextWrap.WriteTo(Console.Out, comparison.Deployment.Deployable
            ? $"deployable: yes, because {comparison.Deployment.Reason}"
            : $"deployable: no, because {comparison.Deployment.Reason}; the signal service keeps {options.AgentId} flat", width);
        Console.WriteLine($"report: {DisplayPath.Of(report.HtmlPath)}");
        Console.WriteLine($"summary: {DisplayPath.Of(report.JsonPath)}");
        return 0;
    }

    /// <summary>
    /// The figures that decide whether an agent is worth trading, with short headers; at a narrow width the least
    /// telling go first (the HTML report has every one).
    /// </summary>
    private static TextTable Table(BacktestComparison comparison)
    {
        var table = new TextTable()
            .Column("policy", right: false, keep: 9).Column("net pips", keep: 9).Column("trades", keep: 8).Column("win%", keep: 6)
            .Column("PF", keep: 5).Column("Sharpe", keep: 7).Column("Sortino", keep: 1).Column("max DD", keep: 6)
            .Column("tr/day", keep: 2).Column("expo", keep: 3).Column("edge t", keep: 4);
        foreach (PolicyOutcome p in comparison.Policies)
        {
            BacktestMetrics m = p.Metrics;
            table.Row(
                p.Name, F(m.NetPips, "0.0"), F(m.Trades, "0"), F(m.WinRate * 100, "0.0"), m.ProfitFactor is double pf ? F(pf, "0.00") : "-",
                F(m.Sharpe, "0.00"), F(m.Sortino, "0.00"), F(m.MaxDrawdownPips, "0.0"), F(m.TradesPerDay, "0.0"), F(m.Exposure * 100, "0") + "%",
                F(m.EdgeTStatistic, "0.00"));
        }

        return table;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
