using Releat.Agents.Config;
using Releat.Features.Registry;
using Releat.Features.Store;
using Releat.Learning.Models;
using Releat.Trading;
using Releat.Training.Evaluation;
using Releat.Training.Evaluation.Statistics;
using Releat.Training.Runs;
using Releat.Training.Sweeps;

namespace Releat.Training.WalkForward;

/// <summary>
/// How much a sweep's choice can be trusted: each recorded trial's checkpoint walked greedily over the agent's
/// validation and test windows (the same days for every trial), the probability of backtest overfitting of picking
/// the best of them by CSCV, and the spread of their daily Sharpe ratios (what the deflated Sharpe ratio needs).
/// </summary>
public sealed record SweepOverfitting(string Sweep, int Trials, double TrialSharpeVariance, BacktestOverfitting? Overfitting, string? Why)
{
    public static async Task<SweepOverfitting> MeasureAsync(AgentConfig config, AgentPaths paths, string sweep, FeatureRegistry registry, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(paths);
        string directory = Path.Combine(paths.SweepsDirectory, sweep);
        IReadOnlyList<SweepTrialResult> trials = SweepTable.Collect(directory);
        if (trials.Count == 0)
        {
            throw new FileNotFoundException($"{directory} holds no finished trial (trial-K.json): run releat sweep {config.Id} --name {sweep} first");
        }

        using IDataset dataset = await AgentDataset.OpenOrBuildAsync(config, registry, paths.Home, null, cancellation).ConfigureAwait(false);
        var tape = new DecisionTape(dataset, PositionRules.For(config));
        DataSplit split = config.RawData.Split;
        Range rows = tape.RowsIn(new TimeRange(split.Validation.StartMs, split.Test.EndMs));
        var returns = new List<double[]>();
        foreach (SweepTrialResult trial in trials)
        {
            cancellation.ThrowIfCancellationRequested();
            TradingAgentNetwork<float> network = AgentModel.LoadNetwork(trial.Checkpoint);
            BacktestResult result = Backtest.Run(tape, config.Environment.Reward, rows, new NetworkPolicy(network));
            returns.Add(BacktestMetrics.DailyPnl(result));
        }

        double[] sharpes = [.. returns.Select(r => DeflatedSharpeRatio.Moments(r) is var m && m.Deviation > 0 ? m.Mean / m.Deviation : 0)];
        double variance = Variance(sharpes);
        if (returns.Count < 2)
        {
            return new SweepOverfitting(sweep, returns.Count, variance, null, "one trial: nothing was chosen, so nothing can be overfitted by the choice");
        }

        try
        {
            return new SweepOverfitting(sweep, returns.Count, variance, BacktestOverfitting.Estimate(returns), null);
        }
        catch (ArgumentException e)
        {
            return new SweepOverfitting(sweep, returns.Count, variance, null, e.Message);
        }
    }

    internal static double Variance(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return 0;
        }

        double mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }
}
