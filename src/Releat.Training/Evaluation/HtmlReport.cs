using System.Globalization;
using System.Net;
using System.Text;
using Releat.MarketData.Time;
using Releat.Trading;

namespace Releat.Training.Evaluation;

/// <summary>
/// The backtest report as one self-contained HTML file: metrics of the agent and its baselines side by side, inline
/// SVG equity curves and the agent's drawdown, and the agent's trade list. No script and no external resource.
/// </summary>
public static class HtmlReport
{
    private const int MaxTradeRows = 500;
    private static readonly string[] Colours = ["#1f5fbf", "#8c8c8c", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"];

    public static void Write(BacktestComparison comparison, string path)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, Render(comparison));
    }

    public static string Render(BacktestComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        PolicyOutcome agent = comparison.Agent;
        var html = new StringBuilder();
        html.Append(Head($"{comparison.AgentId} backtest, {comparison.Period}"));
        html.Append(Invariant($"<h1>{Encode(comparison.AgentId)}: backtest on the {Encode(comparison.Period)} period</h1>"));
        html.Append(Invariant($"<p class=\"note\">{UtcTime.ToDateTime(comparison.Range.StartMs):yyyy-MM-dd} to {UtcTime.ToDateTime(comparison.Range.EndMs):yyyy-MM-dd} UTC, "))
            .Append(Invariant($"{agent.Result.Decisions:N0} decisions, checkpoint {Encode(comparison.Checkpoint)}. "))
            .Append("Every policy trades under the same execution rules and fills as in training; results are in pips (units × pips) ")
            .Append("net of spread and commission. Sharpe and Sortino: daily P&amp;L (trading days ending 22:00 UTC), annualised with √252. ")
            .Append("Edge t: mean daily P&amp;L over its standard error; |t| ≤ 2 is within noise of flat.</p>");
        html.Append(Verdict(comparison));
        html.Append(MetricsTable(comparison));

        long[] times = agent.Result.Times;
        var equity = comparison.Policies.Select((p, i) => new ChartSeries(p.Name, Colours[i % Colours.Length], p.Result.Equity)).ToList();
        html.Append(SvgChart.Render("Equity (pips)", "", times, equity));
        double[] drawdown = Drawdown(agent.Result.Equity);
        html.Append("<br>").Append(SvgChart.Render($"Drawdown of {agent.Name} (pips)", "", times, [new ChartSeries(agent.Name, "#b42318", drawdown, Filled: true)], height: 200));
        html.Append(TradeTable(agent));
        html.Append("</body></html>");
        return html.ToString();
    }

    /// <summary>The document's start up to the body: its title and the one style sheet every report shares.</summary>
    internal static string Head(string title) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + Invariant($"<title>{Encode(title)}</title>")
        + "<style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}"
        + "th,td{border:1px solid #ccc;padding:3px 8px;text-align:right;font-size:13px}th{background:#f0f0f0}"
        + "td:first-child,th:first-child{text-align:left}.good{color:#1a7f37}.bad{color:#b42318}.note{color:#555;font-size:13px}"
        + "td.text{text-align:left}.verdict{padding:8px 12px;border-left:4px solid #888;background:#f6f6f6}</style></head><body>";

    private static string Verdict(BacktestComparison comparison)
    {
        BacktestMetrics m = comparison.Agent.Metrics;
        string edge = m.ClaimsEdge ? "an edge beyond noise (t > 2)" : m.WithinNoiseOfFlat ? "no edge beyond noise (|t| ≤ 2)" : "a loss beyond noise (t < −2)";
        string versus = comparison.AgentBeatsBaselines ? "beats every baseline" : "does not beat every baseline";
        string joint = comparison.AgentBeatsBaselines == m.ClaimsEdge ? "and" : "but";
        DeploymentVerdict deploy = comparison.Deployment;
        string live = deploy.Deployable
            ? $"The deploy rule lets this checkpoint trade live: {deploy.Reason}."
            : $"The deploy rule refuses this checkpoint, so live the agent stays flat: {deploy.Reason}.";
        return Invariant($"<p><b class=\"{(comparison.AgentBeatsBaselines && m.ClaimsEdge ? "good" : "bad")}\">The agent {versus} {joint} shows {edge}.</b></p>")
            + Invariant($"<p class=\"verdict\"><b class=\"{(deploy.Deployable ? "good" : "bad")}\">{Encode(live)}</b></p>");
    }

    private static string MetricsTable(BacktestComparison comparison)
    {
        var table = new HtmlTable("policy", "net pips", "trades", "win rate", "profit factor", "avg trade", "Sharpe", "Sortino", "max drawdown", "trades/day", "exposure", "edge t");
        foreach (PolicyOutcome p in comparison.Policies)
        {
            BacktestMetrics m = p.Metrics;
            table.Row(
                p.Name, HtmlCell.Signed(m.NetPips, Invariant($"{m.NetPips:N1}")), Invariant($"{m.Trades:N0}"), Invariant($"{m.WinRate:P1}"),
                m.ProfitFactor is double pf ? Invariant($"{pf:N2}") : "–",
                Invariant($"{m.AverageTradePips:N2}"), Invariant($"{m.Sharpe:N2}"), Invariant($"{m.Sortino:N2}"), Invariant($"{m.MaxDrawdownPips:N1}"),
                Invariant($"{m.TradesPerDay:N2}"), Invariant($"{m.Exposure:P1}"), Invariant($"{m.EdgeTStatistic:N2}"));
        }

        return table.ToString();
    }

    private static string TradeTable(PolicyOutcome agent)
    {
        IReadOnlyList<TradeRecord> trades = agent.Result.Trades;
        var html = new StringBuilder(Invariant($"<h2>Trades of {Encode(agent.Name)} ({trades.Count:N0})</h2>"));
        if (trades.Count > MaxTradeRows)
        {
            html.Append(Invariant($"<p class=\"note\">The first {MaxTradeRows} of {trades.Count:N0}; the JSON summary and the metrics cover all.</p>"));
        }

        var table = new HtmlTable("#", "opened (UTC)", "closed (UTC)", "side", "units", "entry", "exit", "pips/unit", "net pips", "reason");
        for (int i = 0; i < Math.Min(trades.Count, MaxTradeRows); i++)
        {
            TradeRecord t = trades[i];
            table.Row(
                Invariant($"{i + 1}"), UtcTime.Format(t.OpenedMs)[..19], UtcTime.Format(t.ClosedMs)[..19], t.Units > 0 ? "long" : "short",
                Invariant($"{Math.Abs(t.Units)}"), Invariant($"{t.EntryPrice:F5}"), Invariant($"{t.ExitPrice:F5}"), Invariant($"{t.PipsPerUnit:N1}"),
                HtmlCell.Signed(t.NetPips, Invariant($"{t.NetPips:N1}")), t.Reason.ToString());
        }

        return html.Append(table).ToString();
    }

    private static double[] Drawdown(double[] equity)
    {
        double[] drawdown = new double[equity.Length];
        double peak = 0;
        for (int i = 0; i < equity.Length; i++)
        {
            peak = Math.Max(peak, equity[i]);
            drawdown[i] = equity[i] - peak;
        }

        return drawdown;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
