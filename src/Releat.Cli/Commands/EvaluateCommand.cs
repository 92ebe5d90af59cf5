using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Releat.Agents.Loading;
using Releat.Cli.Output;
using Releat.Checksums;
using Releat.Features.Registry;
using Releat.Training.Evaluation;
using Releat.Training.WalkForward;

namespace Releat.Cli.Commands;

/// <summary>
/// `releat evaluate &lt;agent&gt; [--folds 5] [--seeds 3] [--steps N] [--parallel P] [--sweep S]`: a walk-forward over the
/// agent's data range, K folds × S seeds trained and tested against the baselines, combined into one verdict with a
/// bootstrap interval, the deflated Sharpe ratio and (with a sweep) the probability of backtest overfitting. Stopped,
/// it resumes from the last finished fold × seed when run again.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var agent = new Argument<string>("agent") { Description = "Agent id: agents/<id>/agent.yaml." };
        var folds = new Option<int>("--folds") { Description = "Folds rolling forward over the data range.", DefaultValueFactory = _ => WalkForwardOptions.DefaultFolds };
        var seeds = new Option<int>("--seeds") { Description = "Training seeds per fold.", DefaultValueFactory = _ => WalkForwardOptions.DefaultSeeds };
        var steps = new Option<long?>("--steps") { Description = "Environment steps per training (default: training.total_timesteps)." };
        var trainSpans = new Option<int>("--train-spans") { Description = "Training window of each fold, in test-window lengths.", DefaultValueFactory = _ => WalkForwardOptions.DefaultTrainSegments };
        var parallel = new Option<int>("--parallel") { Description = "Trainings at once (default and most: the number of cores).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seed = new Option<ulong>("--seed") { Description = "First training seed; also seeds the random baseline, fills and bootstrap.", DefaultValueFactory = _ => 1 };
        var sweep = new Option<string?>("--sweep") { Description = "A sweep's name: its trials count as configurations tried and give the PBO." };
        var configurations = new Option<int?>("--configurations") { Description = "Configurations tried, for the deflated Sharpe ratio (default: the sweep's trials, else 1)." };
        var name = new Option<string>("--name") { Description = "Evaluation name (folder agents/<id>/evaluations/<name>/).", DefaultValueFactory = _ => "evaluation" };
        var restart = new Option<bool>("--restart") { Description = "Forget finished folds x seeds and start again." };
        var json = JsonOption.Create();
        var command = new Command("evaluate", "Walk-forward evaluation over folds x seeds against baselines: is there an edge after costs, and how sure are we?")
        {
            agent, folds, seeds, steps, trainSpans, parallel, seed, sweep, configurations, name, restart, json,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            new WalkForwardOptions
            {
                AgentId = parse.GetValue(agent)!,
                Home = ReleatHome.Path,
                Folds = parse.GetValue(folds),
                Seeds = parse.GetValue(seeds),
                TotalTimesteps = parse.GetValue(steps),
                TrainSegments = parse.GetValue(trainSpans),
                Parallel = parse.GetValue(parallel),
                FirstSeed = parse.GetValue(seed),
                Sweep = parse.GetValue(sweep),
                Configurations = parse.GetValue(configurations),
                Name = parse.GetValue(name)!,
                Restart = parse.GetValue(restart),
            },
            parse.GetValue(json),
            cancellation));
        return command;
    }

    private static async Task<int> RunAsync(WalkForwardOptions options, bool json, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        WalkForwardFiles? files = null;
        var run = new WalkForwardRun(options, new FeatureRegistry());
        try
        {
            if (options.Folds < 1 || options.Seeds < 1)
            {
                throw new ArgumentException("--folds and --seeds must be 1 or more");
            }

            var gate = new Lock();
            await ProgressDisplay.RunAsync($"{options.AgentId}: building fold datasets", json, async line =>
            {
                var progress = new InlineProgress<WalkForwardProgress>(p =>
                {
                    lock (gate)
                    {
                        line.Update(string.Create(CultureInfo.InvariantCulture, $"{options.AgentId}: {p.Done}/{p.Total} folds x seeds, {p.Latest}"), p.Fraction, 1);
                    }
                });
                files = await run.RunAsync(progress, cancellation).ConfigureAwait(false);
            }, showRemaining: true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AgentConfigException or FileNotFoundException or ArgumentException or InvalidOperationException
            or InvalidDataException or NotSupportedException or WriterLockedException)
        {
            Console.Error.WriteLine($"releat evaluate: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"releat evaluate: stopped; finished folds x seeds are kept in {DisplayPath.Of(run.Directory)} and are not run again");
            return 130;
        }

        if (json)
        {
            JsonOutput.WriteRaw(files!.Summary.ToJson());
            return 0;
        }

        Print(files!, clock.Elapsed);
        return 0;
    }

    private static void Print(WalkForwardFiles files, TimeSpan elapsed)
    {
        int width = Terminal.Width;
        WalkForwardSummary s = files.Summary;
        FoldWindow first = s.Folds[0], last = s.Folds[^1];
        TextWrap.WriteTo(Console.Out, string.Create(CultureInfo.InvariantCulture,
            $"{s.Agent}: {s.Folds.Count} folds x {s.Seeds.Count} seeds, {s.StepsPerTraining:N0} steps each; test windows {first.TestFrom:yyyy-MM-dd} to {last.TestTo:yyyy-MM-dd}; pips net of costs, totals over folds, mean over seeds"), width);
        Console.WriteLine();
        Table(s).WriteTo(Console.Out, width);
        Console.WriteLine();
        FoldTable(s).WriteTo(Console.Out, width);
        Console.WriteLine();
        SeedSummary worst = s.BySeed.MinBy(b => b.AgentEdgeT)!;
        string bySeed = string.Join(", ", s.BySeed.Select(b => $"seed {b.Seed} {F(b.AgentEdgeT, "0.00")}"));
        string judged = worst.SignificantlyWorseThanFlat
            ? $"seed {worst.Seed} lost significantly (t < -{F(BacktestMetrics.SignificantT, "0")})"
            : $"none significantly worse than flat (t >= -{F(BacktestMetrics.SignificantT, "0")})";
        TextWrap.WriteTo(Console.Out, $"live policy by seed, t against flat over all folds: {bySeed}; {judged}", width);
        FoldLeakage[] leaking = [.. s.Leakage.Where(l => !l.Clean)];
        TextWrap.WriteTo(Console.Out, leaking.Length == 0
            ? string.Create(CultureInfo.InvariantCulture,
                $"leakage: none in any fold's dataset ({s.Leakage.Sum(l => l.Compared)} decisions perturbed after their time; {(s.Leakage.Count > 0 ? s.Leakage[0].FittedColumns : 0)} fitted columns refit on each fold's training window)")
            : $"LEAKAGE: {string.Join("; ", leaking.Select(l => $"fold {l.Fold}: {string.Join(", ", l.LeakingColumns.Concat(l.TransformProblems).Take(5))}"))}", width);
        DeflatedSharpeSummary d = s.DeflatedSharpe;
        TextWrap.WriteTo(Console.Out, string.Create(CultureInfo.InvariantCulture,
            $"deflated Sharpe: {d.Probability * 100:0.0}% that the agent's daily Sharpe {d.DailySharpe:0.000} beats the {d.Benchmark:0.000} of the best of {d.Configurations} configuration(s) by luck"), width);
        if (s.Overfitting is { } o)
        {
            TextWrap.WriteTo(Console.Out, o.Probability is double pbo
                ? string.Create(CultureInfo.InvariantCulture, $"PBO across sweep {o.Sweep} ({o.Trials} trials): {pbo * 100:0.0}%")
                : $"PBO across sweep {o.Sweep}: not computed, {o.Note}", width);
        }

        TextWrap.WriteTo(Console.Out, $"verdict: {s.Verdict.Reason}", width);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wall time: {elapsed.TotalMinutes:F1} min"));
        Console.WriteLine($"report: {DisplayPath.Of(files.HtmlPath)}");
        Console.WriteLine($"summary: {DisplayPath.Of(files.JsonPath)}");
    }

    /// <summary>Each policy's combined figures; at a narrow width the least telling columns go first (the HTML has all).</summary>
    private static TextTable Table(WalkForwardSummary summary)
    {
        var table = new TextTable()
            .Column("policy", right: false, keep: 9).Column("net pips", keep: 9).Column("trades", keep: 6).Column("turn/d", keep: 2)
            .Column("costs", keep: 5).Column("Sharpe", keep: 7).Column("pips/day", keep: 4).Column("95% CI", keep: 8).Column("t", keep: 3);
        foreach (PolicySummary p in summary.Policies)
        {
            table.Row(
                p.Name, F(p.NetPips, "0.0"), F(p.Trades, "0.#"), F(p.TurnoverPerDay, "0.00"), F(p.CostsPips, "0.0"), F(p.Sharpe, "0.00"),
                F(p.DailyMeanPips, "0.0"), $"[{F(p.DailyLowerPips, "0.0")}, {F(p.DailyUpperPips, "0.0")}]", F(p.EdgeT, "0.00"));
        }

        return table;
    }

    /// <summary>Each fold's test window, the agent's pips (mean over seeds, gated and not) and how many seeds passed the deploy rule.</summary>
    private static TextTable FoldTable(WalkForwardSummary summary)
    {
        var table = new TextTable()
            .Column("fold", keep: 9).Column("test window", right: false, keep: 8).Column("agent", keep: 7).Column("ungated", keep: 6)
            .Column("deployable", keep: 5).Column("ungated by seed", right: false, keep: 1);
        foreach (FoldWindow fold in summary.Folds)
        {
            RunSummary[] runs = [.. summary.Runs.Where(r => r.Fold == fold.Fold)];
            table.Row(
                F(fold.Fold, "0"), $"{fold.TestFrom:yyyy-MM-dd} to {fold.TestTo:yyyy-MM-dd}", F(runs.Average(r => r.AgentNetPips), "0.0"),
                F(runs.Average(r => r.UngatedNetPips), "0.0"), $"{runs.Count(r => r.Deployable)} of {runs.Length}",
                string.Join(" ", runs.Select(r => F(r.UngatedNetPips, "0"))));
        }

        return table;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
