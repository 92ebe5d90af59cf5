using System.Text.Json;
using System.Text.Json.Serialization;
using Releat.Agents.Config;

namespace Releat.Training.Evaluation;

/// <summary>
/// The report's numbers as JSON beside the HTML (snake_case), for scripts, sweeps and CI, rounded as reported
/// (<see cref="ReportedNumber"/>); `releat backtest --json` prints the same document. <see cref="Deployable"/> says
/// whether the deploy rule lets this checkpoint trade live (otherwise the live path stays flat), and why.
/// </summary>
public sealed record BacktestSummary(
    string Agent,
    string Period,
    DateTime From,
    DateTime To,
    string Checkpoint,
    bool Deployable,
    string DeployReason,
    bool AgentBeatsBaselines,
    IReadOnlyDictionary<string, BacktestMetrics> Policies)
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static BacktestSummary Of(BacktestComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        TimeRange range = comparison.Range;
        return new BacktestSummary(
            comparison.AgentId, comparison.Period, MarketData.Time.UtcTime.ToDateTime(range.StartMs), MarketData.Time.UtcTime.ToDateTime(range.EndMs),
            comparison.Checkpoint, comparison.Deployment.Deployable, comparison.Deployment.Reason, comparison.AgentBeatsBaselines, comparison.Policies.ToDictionary(p => p.Name, p => p.Metrics.Rounded()));
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public void Write(string path) => File.WriteAllText(path, ToJson());

    public static BacktestSummary Read(string path) =>
        JsonSerializer.Deserialize<BacktestSummary>(File.ReadAllText(path), JsonOptions)
        ?? throw new InvalidDataException($"{path}: no backtest summary");
}
