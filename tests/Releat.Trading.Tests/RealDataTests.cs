using System.Diagnostics;
using Releat.MarketData.Import;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.Testing;
using Releat.Training.Evaluation;
using Releat.Training.Runs;
using Xunit.Abstractions;

namespace Releat.Trading.Tests;

/// <summary>
/// The candle agent c00001 end to end on the shared real EURUSD H1 candles of 2017: Dukascopy import, dataset build,
/// a short training run, and the test-period backtest report, as a user would run them.
/// </summary>
public sealed class RealDataTests(ITestOutputHelper output)
{
    [Fact]
    public async Task C00001_imports_builds_trains_and_reports_on_the_shared_eurusd_candles()
    {
        var clock = Stopwatch.StartNew();
        using var home = new SyntheticHome();
        string csv = Path.Combine(RepositoryRoot.SharedPath, "data", "EURUSD_H1_2017_ask.csv");
        Assert.True(File.Exists(csv), $"{csv} is missing: the test reads the shared sample data beside the checkout");
        using (CandleWriter writer = new CandleStore(home.Path).OpenWriter("EURUSD", Timeframe.H1))
        {
            ImportReport imported = new DukascopyCandleImporter().Import(csv, writer);
            writer.Flush();
            Assert.True(imported.Stored > 6_000, imported.ToString());
        }

        string config = Path.Combine(RepositoryRoot.Path, "agents", "c00001", "agent.yaml");
        TrainingResult trained = await new TrainingRun(new TrainingRunOptions
        {
            AgentId = "c00001",
            ConfigPath = config,
            Home = home.Path,
            TotalTimesteps = 16_384,
            CheckpointEveryUpdates = 4,
        }).RunAsync();
        Assert.Equal(TrainingStage.Completed, trained.Stage);
        Assert.True(Directory.Exists(Path.Combine(home.Path, "datasets", "c00001")), "the dataset was built on the way");

        BacktestReportFiles report = await new BacktestRun(new BacktestOptions { AgentId = "c00001", Home = home.Path, ConfigPath = config }).RunAsync();

        BacktestComparison comparison = report.Comparison;
        Assert.Equal(["agent", "flat", "random", "momentum", "buy-and-hold", "sell-and-hold"], comparison.Policies.Select(p => p.Name));
        Assert.All(comparison.Policies, p => Assert.True(double.IsFinite(p.Metrics.NetPips) && double.IsFinite(p.Metrics.Sharpe), p.Name));
        Assert.InRange(comparison.Agent.Result.Decisions, 900, 1_100);   // November and December 2017, hourly
        Assert.True(comparison.Policies[2].Metrics.Trades > 50, "the random baseline trades");
        string html = await File.ReadAllTextAsync(report.HtmlPath);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        string summary = await File.ReadAllTextAsync(report.JsonPath);
        Assert.Contains("\"agent_beats_baselines\"", summary, StringComparison.Ordinal);
        Assert.Contains("\"deploy_reason\": \"validation t ", summary, StringComparison.Ordinal);   // the checkpoint's own verdict
        foreach (PolicyOutcome p in comparison.Policies)
        {
            output.WriteLine($"{p.Name,-9} net {p.Metrics.NetPips,8:F1} pips, {p.Metrics.Trades,4} trades, Sharpe {p.Metrics.Sharpe,6:F2}, max DD {p.Metrics.MaxDrawdownPips,7:F1}");
        }

        output.WriteLine($"import, build, {trained.Steps:N0} training steps and the report in {clock.Elapsed.TotalSeconds:F1} s");
    }
}
