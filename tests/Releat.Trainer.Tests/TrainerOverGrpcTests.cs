using Grpc.Core;
using V1 = Releat.Contracts.V1;

namespace Releat.Trainer.Tests;

public sealed class TrainerOverGrpcTests(TrainerFixture trainer) : IClassFixture<TrainerFixture>
{
    [Fact]
    public async Task A_started_run_streams_its_progress_to_completion_and_lists_its_checkpoints()
    {
        V1.TrainingRun run = await trainer.Client.StartTrainingAsync(new V1.StartTrainingRequest { AgentId = "learner", Restart = true });
        Assert.Equal("learner", run.AgentId);
        Assert.StartsWith("learner/main/", run.RunId, StringComparison.Ordinal);

        List<V1.TrainingProgress> updates = await WatchToTheEnd(run.RunId);

        V1.TrainingProgress last = updates[^1];
        Assert.Equal(V1.TrainingState.Completed, last.State);
        Assert.Equal(1280, last.Steps);
        Assert.Contains(updates, u => u.State == V1.TrainingState.Running && u.StepsPerSecond > 0 && u.TotalSteps == 1280);
        Assert.Equal("main/step-000000001280", last.LatestCheckpointId);

        V1.ListCheckpointsResponse listed = await trainer.Client.ListCheckpointsAsync(new V1.ListCheckpointsRequest { AgentId = "learner" });
        Assert.Contains(listed.Checkpoints, c => c.CheckpointId == "main/step-000000001280" && c.Steps == 1280 && Directory.Exists(c.Path));
        // 1,280 steps beat nothing on validation: no checkpoint passed the deploy rule, so the run has no best to list.
        Assert.DoesNotContain(listed.Checkpoints, c => c.CheckpointId == "main/best");
    }

    [Fact]
    public async Task A_second_start_is_refused_while_training_and_stopping_writes_a_final_checkpoint()
    {
        V1.TrainingRun run = await trainer.Client.StartTrainingAsync(new V1.StartTrainingRequest
        {
            AgentId = "learner",
            Restart = true,
            TotalSteps = 50_000_000,
            Overrides = { ["training.learning_rate"] = "3e-4" },
        });
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await trainer.Client.StartTrainingAsync(new V1.StartTrainingRequest { AgentId = "learner" }));
        Assert.Equal(StatusCode.AlreadyExists, refused.StatusCode);

        using var watch = trainer.Client.WatchTraining(new V1.WatchTrainingRequest { RunId = run.RunId });
        while (await watch.ResponseStream.MoveNext(CancellationToken.None) && watch.ResponseStream.Current.Steps < 512)
        {
        }

        V1.TrainingRun stopping = await trainer.Client.StopTrainingAsync(new V1.StopTrainingRequest { RunId = run.RunId });
        Assert.True(stopping.State is V1.TrainingState.Stopping or V1.TrainingState.Stopped, stopping.State.ToString());
        List<V1.TrainingProgress> rest = await WatchToTheEnd(run.RunId);
        V1.TrainingProgress last = rest[^1];
        Assert.Equal(V1.TrainingState.Stopped, last.State);
        Assert.True(last.Steps is >= 512 and < 50_000_000);
        Assert.EndsWith(last.Steps.ToString("D12", System.Globalization.CultureInfo.InvariantCulture), last.LatestCheckpointId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_agents_runs_and_bad_overrides_get_clear_statuses()
    {
        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
            await trainer.Client.StartTrainingAsync(new V1.StartTrainingRequest { AgentId = "nobody" }));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("nobody", unknown.Status.Detail, StringComparison.Ordinal);

        var typo = await Assert.ThrowsAsync<RpcException>(async () => await trainer.Client.StartTrainingAsync(
            new V1.StartTrainingRequest { AgentId = "learner", Overrides = { ["training.gama"] = "0.9" } }));
        Assert.Equal(StatusCode.InvalidArgument, typo.StatusCode);
        Assert.Contains("gama", typo.Status.Detail, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<RpcException>(async () =>
            await trainer.Client.StopTrainingAsync(new V1.StopTrainingRequest { RunId = "learner/main/never" }));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    private async Task<List<V1.TrainingProgress>> WatchToTheEnd(string runId)
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        using var watch = trainer.Client.WatchTraining(new V1.WatchTrainingRequest { RunId = runId });
        var updates = new List<V1.TrainingProgress>();
        await foreach (V1.TrainingProgress update in watch.ResponseStream.ReadAllAsync(cancellation.Token))
        {
            updates.Add(update);
        }

        return updates;
    }
}
