using System.CommandLine;
using System.Globalization;
using Releat.Agents;
using Releat.Features;
using Releat.Training;
using Releat.Training.Evaluation;
using Spectre.Console;

namespace Releat.Cli.Commands;

/// <summary>
/// `releat backtest &lt;agent&gt; [--checkpoint dir] [--period validation|test]`: the trained policy, greedily, against
/// flat, random and momentum baselines on a held-out period; an offline HTML report and a JSON summary.
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
        var command = new Command("backtest", "Backtest a trained agent against flat, random and momentum baselines; writes an HTML report and JSON.")
        {
            agent, checkpoint, period, run, seed,
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
            cancellation));
        return command;
    }

    private static async Task<int> RunAsync(BacktestOptions options, CancellationToken cancellation)
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

        BacktestComparison comparison = report.Comparison;
        var table = new Table().Title($"{options.AgentId} on the {comparison.Period} period, checkpoint {Markup.Escape(comparison.Checkpoint)}");
        foreach (string column in new[] { "policy", "net pips", "trades", "win rate", "profit factor", "Sharpe", "Sortino", "max DD", "trades/day", "exposure", "edge t" })
        {
            table.AddColumn(column == "policy" ? new TableColumn(column) : new TableColumn(column).RightAligned());
        }

        foreach (PolicyOutcome p in comparison.Policies)
        {
            BacktestMetrics m = p.Metrics;
            table.AddRow(
                p.Name, F(m.NetPips, "N1"), F(m.Trades, "N0"), F(m.WinRate, "P1"), m.ProfitFactor is double pf ? F(pf, "N2") : "–",
                F(m.Sharpe, "N2"), F(m.Sortino, "N2"), F(m.MaxDrawdownPips, "N1"), F(m.TradesPerDay, "N2"), F(m.Exposure, "P1"), F(m.EdgeTStatistic, "N2"));
        }

        AnsiConsole.Write(table);
        Console.WriteLine($"report: {report.HtmlPath}");
        Console.WriteLine($"summary: {report.JsonPath}");
        return 0;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
