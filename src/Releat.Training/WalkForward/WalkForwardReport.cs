using System.Globalization;
using System.Net;
using System.Text;
using Releat.Training.Evaluation;

namespace Releat.Training.WalkForward;

/// <summary>
/// The walk-forward as one self-contained HTML file (no script, no external resource, the backtest report's style):
/// the verdict, every policy's combined figures, the statistics, each fold's test-window equity (the agent of every
/// seed and the baselines), each policy's net pips by seed, its costs, each seed's live policy, each fold's leakage
/// check, and each fold × seed's deploy verdict.
/// </summary>
public static class WalkForwardReport
{
    private static readonly string[] SeedColours = ["#1f5fbf", "#4a8fe7", "#0b3d91", "#6aa6f0", "#2f4f8f"];
    private static readonly (string Name, string Colour)[] Baselines =
        [("flat", "#8c8c8c"), ("random", "#d62728"), ("momentum", "#2ca02c"), ("buy-and-hold", "#ff7f0e"), ("sell-and-hold", "#9467bd")];

    public static string Render(WalkForwardSummary summary, IReadOnlyList<WalkForwardFold> folds, IReadOnlyList<UnitOutcome> units)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(units);
        var html = new StringBuilder(HtmlReport.Head($"{summary.Agent} walk-forward evaluation"));
        html.Append(Invariant($"<h1>{Encode(summary.Agent)}: walk-forward over {summary.Folds.Count} folds × {summary.Seeds.Count} seeds</h1>"));
        html.Append(Invariant($"<p class=\"note\">Each fold trains ({summary.StepsPerTraining:N0} steps, seeds {string.Join(", ", summary.Seeds)}) on its own window with transforms fitted there only, "))
            .Append("chooses its checkpoint on the next window by the deploy rule, and is tested on the window after that. <b>agent</b> is what would trade live ")
            .Append("(the chosen checkpoint when the deploy rule passed it, flat otherwise); <b>ungated</b> is the chosen checkpoint either way. ")
            .Append("Every policy trades under the same execution rules, fills and costs; pips are net of spread and commission, totals over folds and averaged over seeds. ")
            .Append(Invariant($"Daily figures: each trading day's P&amp;L averaged over seeds; the interval is a seeded block bootstrap ({summary.ConfidenceLevel * 100:0}%) of its mean.</p>"));
        html.Append(Invariant($"<p class=\"verdict\"><b class=\"{(summary.Verdict.ClaimsEdge ? "good" : "bad")}\">{Encode(Capitalised(summary.Verdict.Reason))}.</b></p>"));
        html.Append(PolicyTable(summary));
        html.Append(Statistics(summary));

        html.Append("<h2>Equity on each fold's test window (pips)</h2>");
        foreach (WalkForwardFold fold in folds)
        {
            UnitOutcome[] seeds = [.. units.Where(u => u.Fold == fold.Number).OrderBy(u => u.Seed)];
            var series = seeds.Select((u, i) => new ChartSeries($"agent, seed {u.Seed}", SeedColours[i % SeedColours.Length], u.Policy(WalkForwardSummary.AgentPolicy).Equity)).ToList();
            series.AddRange(Baselines.Where(b => b.Name != "random").Select(b => new ChartSeries(b.Name, b.Colour, seeds[0].Policy(b.Name).Equity)));
            html.Append(SvgChart.Render(Invariant($"Fold {fold.Number}: test {fold.Split.Test}"), "", seeds[0].Times, series, height: 260)).Append("<br>");
        }

        html.Append("<h2>Net pips by seed</h2><p class=\"note\">Bars: the mean over seeds; dots: each seed's total over the folds.</p>");
        html.Append(SvgBarChart.Render("Net pips over all folds", "pips",
            [.. summary.Policies.Select(p => new BarChartRow(p.Name, [p.NetPips], p.NetPipsBySeed))], [("mean over seeds", "#1f5fbf")]));
        html.Append("<h2>Costs</h2>");
        html.Append(SvgBarChart.Render("Spread and commission paid over all folds (mean over seeds)", "pips",
            [.. summary.Policies.Select(p => new BarChartRow(p.Name, [p.SpreadPips, p.CommissionPips], []))], [("spread", "#ff7f0e"), ("commission", "#b42318")]));
        html.Append(SeedTable(summary));
        html.Append(LeakageTable(summary));
        html.Append(RunTable(summary));
        return html.Append("</body></html>").ToString();
    }

    private static string PolicyTable(WalkForwardSummary summary)
    {
        var table = new HtmlTable(
            "policy", "net pips", "seed range", "trades", "turnover/day", "costs", "exposure", "Sharpe", "daily mean",
            Invariant($"{summary.ConfidenceLevel * 100:0}% interval"), "edge t");
        foreach (PolicySummary p in summary.Policies)
        {
            string interval = p.DailyLowerPips > 0 ? "good" : p.DailyUpperPips < 0 ? "bad" : "";
            table.Row(
                p.Name, HtmlCell.Signed(p.NetPips, Invariant($"{p.NetPips:N1}")), Invariant($"{p.NetPipsBySeed.Min():N1} to {p.NetPipsBySeed.Max():N1}"),
                Invariant($"{p.Trades:N1}"), Invariant($"{p.TurnoverPerDay:N2}"), Invariant($"{p.CostsPips:N1}"), Invariant($"{p.Exposure * 100:0.0}%"),
                Invariant($"{p.Sharpe:N2}"), Invariant($"{p.DailyMeanPips:N1}"), new HtmlCell(Invariant($"[{p.DailyLowerPips:N1}, {p.DailyUpperPips:N1}]"), interval),
                Invariant($"{p.EdgeT:N2}"));
        }

        return table.ToString();
    }

    private static string Statistics(WalkForwardSummary summary)
    {
        DeflatedSharpeSummary d = summary.DeflatedSharpe;
        var text = new StringBuilder("<p class=\"note\">");
        text.Append(Invariant($"Deflated Sharpe ratio of the agent: {d.Probability * 100:0.0}% that its daily Sharpe ratio {d.DailySharpe:0.000} exceeds {d.Benchmark:0.000}, "))
            .Append(Invariant($"what the best of {d.Configurations} configuration{(d.Configurations == 1 ? "" : "s")} would reach by luck ({d.Days} days; 95% or more is significant). "));
        if (summary.Overfitting is { } o)
        {
            text.Append(o.Probability is double pbo
                ? Invariant($"Probability of backtest overfitting across sweep {Encode(o.Sweep)}'s {o.Trials} trials: {pbo * 100:0.0}% (CSCV, {o.Splits} blocks, {o.Combinations} splits; near 50% or more, the sweep's best is no better than a random pick).")
                : Invariant($"Probability of backtest overfitting across sweep {Encode(o.Sweep)}: not computed, {Encode(o.Note ?? "")}."));
        }
        else
        {
            text.Append("No sweep named (--sweep), so no probability of backtest overfitting.");
        }

        return text.Append("</p>").ToString();
    }

    private static string SeedTable(WalkForwardSummary summary)
    {
        var table = new HtmlTable("seed", "folds deployed", "net pips", "days", "t against flat");
        foreach (SeedSummary s in summary.BySeed)
        {
            table.Row(
                Invariant($"{s.Seed}"), Invariant($"{s.Deployable} of {s.Folds}"), HtmlCell.Signed(s.AgentNetPips, Invariant($"{s.AgentNetPips:N1}")),
                Invariant($"{s.Days}"), new HtmlCell(Invariant($"{s.AgentEdgeT:N2}"), s.SignificantlyWorseThanFlat ? "bad" : null));
        }

        return "<h2>Live policy by seed</h2><p class=\"note\">What each training seed would have traded live over every fold's test window "
            + "(its checkpoint where the deploy rule passed it, flat elsewhere); t of its daily P&amp;L against flat, below −2 a significant loss.</p>"
            + table;
    }

    private static string LeakageTable(WalkForwardSummary summary)
    {
        var table = new HtmlTable("fold", "decisions compared", "perturbation seen next", "features changed", "fitted columns", "transform problems");
        foreach (FoldLeakage l in summary.Leakage)
        {
            table.Row(
                Invariant($"{l.Fold}"), Invariant($"{l.Compared} of {l.Sampled}"), Invariant($"{l.PerturbationSeen}"),
                HtmlCell.Passed(l.LeakingColumns.Count == 0, l.LeakingColumns.Count == 0 ? "none" : string.Join(", ", l.LeakingColumns)),
                Invariant($"{l.FittedColumns}"),
                HtmlCell.Passed(l.TransformProblems.Count == 0, l.TransformProblems.Count == 0 ? "none" : string.Join("; ", l.TransformProblems)));
        }

        return "<h2>Leakage, fold by fold</h2><p class=\"note\">Before training, each fold's dataset: every tick after a sampled decision "
            + "perturbed (no feature at the decision may change, the next decision's must), and every fitted transform refit on the fold's training window alone.</p>"
            + table;
    }

    private static string RunTable(WalkForwardSummary summary)
    {
        var table = new HtmlTable("fold", "seed", "test window", "checkpoint", "agent pips", "ungated pips", "trades", "deploy rule");
        foreach (RunSummary r in summary.Runs)
        {
            FoldWindow w = summary.Folds.First(f => f.Fold == r.Fold);
            table.Row(
                Invariant($"{r.Fold}"), Invariant($"{r.Seed}"), Invariant($"{w.TestFrom:yyyy-MM-dd} to {w.TestTo:yyyy-MM-dd}"), r.Checkpoint,
                Invariant($"{r.AgentNetPips:N1}"), Invariant($"{r.UngatedNetPips:N1}"), Invariant($"{r.UngatedTrades}"),
                new HtmlCell($"{(r.Deployable ? "passed" : "refused")}: {r.DeployReason}", r.Deployable ? "text good" : "text bad"));
        }

        return "<h2>Folds × seeds</h2>" + table;
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
