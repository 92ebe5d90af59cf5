using Grpc.Core;
using Releat.Testing;
using V1 = Releat.Contracts.V1;

namespace Releat.Trainer.Tests;

/// <summary>The trainer's /metrics after a run: steps, updates, reward and the finished run, in valid Prometheus text.</summary>
public sealed class TrainerMetricsTests(TrainerFixture trainer) : IClassFixture<TrainerFixture>
{
    [Fact]
    public async Task A_finished_run_shows_its_steps_updates_reward_and_result_on_the_metrics_endpoint()
    {
        V1.TrainingRun run = await trainer.Client.StartTrainingAsync(new V1.StartTrainingRequest { AgentId = "learner", Restart = true });
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var watch = trainer.Client.WatchTraining(new V1.WatchTrainingRequest { RunId = run.RunId });
        long steps = 0;
        await foreach (V1.TrainingProgress update in watch.ResponseStream.ReadAllAsync(cancellation.Token))
        {
            steps = update.Steps;
        }

        using var http = new HttpClient();
        string metrics = await http.GetStringAsync(new Uri(trainer.Process.HttpAddress, "/metrics"));
        var (exitCode, promtool) = Promtool.CheckMetrics(metrics);
        Assert.True(exitCode == 0, $"promtool check metrics: {promtool}");

        Assert.Equal(steps, Sample(metrics, "releat_training_steps_total{agent=\"learner\"}"));
        Assert.True(Sample(metrics, "releat_training_updates_total{agent=\"learner\"}") >= 1);
        Assert.Equal(1, Sample(metrics, "releat_training_runs_total{agent=\"learner\",result=\"completed\"}"));
        Assert.Equal(0, Sample(metrics, "releat_training_active_runs"));
        Assert.Contains("releat_training_episode_reward{agent=\"learner\"} ", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE releat_training_steps_per_second gauge", metrics, StringComparison.Ordinal);
    }

    private static double Sample(string metrics, string series) =>
        MetricsText.Value(metrics, series) ?? throw new Xunit.Sdk.XunitException($"no sample {series} in:\n{metrics}");
}
