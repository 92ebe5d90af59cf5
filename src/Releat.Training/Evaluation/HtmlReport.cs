using System.Globalization;
using System.Net;
using System.Text;
using Releat.MarketData;
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
        + ".verdict{padding:8px 12px;border-left:4px solid #888;background:#f6f6f6}</style></head><body>";

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
        var table = new StringBuilder("<table><tr><th>policy</th><th>net pips</th><th>trades</th><th>win rate</th><th>profit factor</th>")
            .Append("<th>avg trade</th><th>Sharpe</th><th>Sortino</th><th>max drawdown</th><th>trades/day</th><th>exposure</th><th>edge t</th></tr>");
        foreach (PolicyOutcome p in comparison.Policies)
        {
            BacktestMetrics m = p.Metrics;
            table.Append(Invariant($"<tr><td>{Encode(p.Name)}</td><td class=\"{(m.NetPips >= 0 ? "good" : "bad")}\">{m.NetPips:N1}</td><td>{m.Trades:N0}</td>"))
                .Append(Invariant($"<td>{m.WinRate:P1}</td><td>{(m.ProfitFactor is double pf ? pf.ToString("N2", CultureInfo.InvariantCulture) : "–")}</td>"))
                .Append(Invariant($"<td>{m.AverageTradePips:N2}</td><td>{m.Sharpe:N2}</td><td>{m.Sortino:N2}</td><td>{m.MaxDrawdownPips:N1}</td>"))
                .Append(Invariant($"<td>{m.TradesPerDay:N2}</td><td>{m.Exposure:P1}</td><td>{m.EdgeTStatistic:N2}</td></tr>"));
        }

        return table.Append("</table>").ToString();
    }

    private static string TradeTable(PolicyOutcome agent)
    {
        IReadOnlyList<TradeRecord> trades = agent.Result.Trades;
        var table = new StringBuilder(Invariant($"<h2>Trades of {Encode(agent.Name)} ({trades.Count:N0})</h2>"));
        if (trades.Count > MaxTradeRows)
        {
            table.Append(Invariant($"<p class=\"note\">The first {MaxTradeRows} of {trades.Count:N0}; the JSON summary and the metrics cover all.</p>"));
        }

        table.Append("<table><tr><th>#</th><th>opened (UTC)</th><th>closed (UTC)</th><th>side</th><th>units</th><th>entry</th><th>exit</th>")
            .Append("<th>pips/unit</th><th>net pips</th><th>reason</th></tr>");
        for (int i = 0; i < Math.Min(trades.Count, MaxTradeRows); i++)
        {
            TradeRecord t = trades[i];
            table.Append(Invariant($"<tr><td>{i + 1}</td><td>{UtcTime.Format(t.OpenedMs)[..19]}</td><td>{UtcTime.Format(t.ClosedMs)[..19]}</td>"))
                .Append(Invariant($"<td>{(t.Units > 0 ? "long" : "short")}</td><td>{Math.Abs(t.Units)}</td><td>{t.EntryPrice:F5}</td><td>{t.ExitPrice:F5}</td>"))
                .Append(Invariant($"<td>{t.PipsPerUnit:N1}</td><td class=\"{(t.NetPips >= 0 ? "good" : "bad")}\">{t.NetPips:N1}</td><td>{t.Reason}</td></tr>"));
        }

        return table.Append("</table>").ToString();
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
