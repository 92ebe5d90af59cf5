using System.Text.Json;
using Releat.Agents.Config;
using Releat.Training.Evaluation;
using Releat.Training.Evaluation.Statistics;

namespace Releat.Training.WalkForward;

/// <summary>
/// A walk-forward combined over folds × seeds: the windows, every policy's figures (<see cref="PolicySummary"/>),
/// each fold × seed's checkpoint and deploy verdict, each seed's live policy over all folds, each fold dataset's
/// leakage check, the deflated Sharpe ratio of the agent for the configurations
/// tried, the probability of backtest overfitting of a sweep when one was named, and the verdict. Rounded as reports
/// hold numbers and free of wall-clock times and paths, so the same inputs and seeds give byte-identical JSON.
/// </summary>
public sealed record WalkForwardSummary(
    string Agent,
    IReadOnlyList<ulong> Seeds,
    long StepsPerTraining,
    double ConfidenceLevel,
    IReadOnlyList<FoldWindow> Folds,
    IReadOnlyList<PolicySummary> Policies,
    int DeployableRuns,
    IReadOnlyList<RunSummary> Runs,
    IReadOnlyList<SeedSummary> BySeed,
    IReadOnlyList<FoldLeakage> Leakage,
    DeflatedSharpeSummary DeflatedSharpe,
    OverfittingSummary? Overfitting,
    EvaluationVerdict Verdict)
{
    /// <summary>What would trade live: a fold × seed's chosen checkpoint when the deploy rule passed it, flat otherwise.</summary>
    public const string AgentPolicy = "agent";

    /// <summary>The chosen checkpoint (best on validation, else the latest) whether or not the deploy rule passed it.</summary>
    public const string UngatedPolicy = "ungated";

    public const double Level = 0.95;

    public PolicySummary Policy(string name) => Policies.First(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    public static WalkForwardSummary Combine(
        AgentConfig config, WalkForwardOptions options, IReadOnlyList<WalkForwardFold> folds, IReadOnlyList<UnitOutcome> units,
        IReadOnlyList<FoldLeakage> leakage, SweepOverfitting? sweep)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(leakage);
        IReadOnlyList<ulong> seeds = options.SeedList;
        IReadOnlyList<IReadOnlyList<UnitOutcome>> byFold = [.. folds.Select(f => (IReadOnlyList<UnitOutcome>)[.. seeds.Select(s => units.Single(u => u.Fold == f.Number && u.Seed == s))])];
        string[] names = [.. units[0].Policies.Select(p => p.Name)];
        PolicySummary[] policies = [.. names.Select(n => PolicySummary.Of(n, byFold, seeds, options.FirstSeed, Level))];

        // The agent's deflated Sharpe ratio: the configurations tried are the sweep's trials (or as told), and their
        // Sharpe ratios vary as the sweep's did; without a sweep, as the seeds' do (luck of the draw within one config).
        double[] agentDaily = PolicySummary.SeedMeanDaily(AgentPolicy, byFold);
        UnitOutcome[][] seedUnits = [.. seeds.Select(s => byFold.Select(f => f.Single(u => u.Seed == s)).ToArray())];
        double[][] seedDaily = [.. seedUnits.Select(us => us.SelectMany(u => PolicySummary.Daily(u, AgentPolicy)).ToArray())];
        double[] seedSharpes = [.. seedDaily.Select(PerPeriodSharpe)];
        int trials = options.Configurations ?? sweep?.Trials ?? 1;
        double variance = sweep?.TrialSharpeVariance ?? SweepOverfitting.Variance(seedSharpes);
        var dsr = DeflatedSharpeRatio.Of(agentDaily, trials, variance);

        RunSummary[] runs = [.. byFold.SelectMany(f => f).Select(u => new RunSummary(
            u.Fold, u.Seed, u.Steps, u.Checkpoint, u.Deployable, u.DeployReason,
            ReportedNumber.Pips(u.Policy(AgentPolicy).NetPips), ReportedNumber.Pips(u.Policy(UngatedPolicy).NetPips), u.Policy(UngatedPolicy).Trades))];
        return new WalkForwardSummary(
            config.Id, seeds, units.Max(u => u.Steps), Level,
            [.. folds.Select(FoldWindow.Of)],
            policies,
            runs.Count(r => r.Deployable),
            runs,
            [.. seeds.Select((s, i) => SeedSummary.Of(s, seedUnits[i], seedDaily[i]))],
            leakage,
            new DeflatedSharpeSummary(ReportedNumber.Ratio(dsr.Sharpe), ReportedNumber.Ratio(dsr.Benchmark), dsr.Trials, dsr.Observations, ReportedNumber.Ratio(dsr.Probability)),
            sweep is null ? null : OverfittingSummary.Of(sweep),
            EvaluationVerdict.Judge(policies.First(p => p.Name == AgentPolicy), runs.Count(r => r.Deployable), runs.Length, Level, leakage));
    }

    public string ToJson() => JsonSerializer.Serialize(this, BacktestSummary.JsonOptions);

    public static WalkForwardSummary Read(string path) =>
        JsonSerializer.Deserialize<WalkForwardSummary>(File.ReadAllText(path), BacktestSummary.JsonOptions)
        ?? throw new InvalidDataException($"{path}: no walk-forward summary");

    private static double PerPeriodSharpe(double[] daily)
    {
        (double mean, double sd, _, _) = DeflatedSharpeRatio.Moments(daily);
        return sd > 0 ? mean / sd : 0;
    }
}
