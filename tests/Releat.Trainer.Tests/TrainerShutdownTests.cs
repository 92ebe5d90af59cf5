using V1 = Releat.Contracts.V1;

namespace Releat.Trainer.Tests;

public sealed class TrainerShutdownTests : IAsyncLifetime
{
    private readonly TrainerFixture _trainer = new();

    public Task InitializeAsync() => _trainer.InitializeAsync();

    public Task DisposeAsync() => _trainer.DisposeAsync();

    [Fact]
    public async Task Sigterm_stops_a_running_training_after_a_final_checkpoint_and_exits_cleanly()
    {
        V1.TrainingRun run = await _trainer.Client.StartTrainingAsync(new V1.StartTrainingRequest { AgentId = "learner", TotalSteps = 50_000_000 });
        using (var watch = _trainer.Client.WatchTraining(new V1.WatchTrainingRequest { RunId = run.RunId }))
        {
            while (await watch.ResponseStream.MoveNext(CancellationToken.None) && watch.ResponseStream.Current.Steps < 256)
            {
            }
        }

        int exitCode = await _trainer.Process.StopAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exitCode);
        string checkpoints = Path.Combine(_trainer.Home, "agents", "learner", "runs", "main", "checkpoints");
        string[] saved = Directory.GetDirectories(checkpoints, "step-*");
        Assert.NotEmpty(saved);
        Assert.All(saved, s => Assert.True(File.Exists(Path.Combine(s, "run_state.json")), $"{s} is incomplete"));
        Assert.Contains("Training of learner Stopped", _trainer.Process.Output, StringComparison.Ordinal);
    }
}
