using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Releat.Agents.Loading;
using Releat.ServiceDefaults.Auth;
using Releat.Trainer.Training;
using Releat.Training.Runs;
using V1 = Releat.Contracts.V1;

namespace Releat.Trainer.Api;

/// <summary>
/// The releat.v1.Trainer gRPC service over the same training runs as `releat train`. Starting and stopping training
/// needs the trade role; watching progress and listing checkpoints needs read.
/// </summary>
public sealed class TrainerService(TrainingJobs jobs) : V1.Trainer.TrainerBase
{
    [Authorize(CallerPolicy.Trade)]
    public override Task<V1.TrainingRun> StartTraining(V1.StartTrainingRequest request, ServerCallContext context)
    {
        try
        {
            TrainingJob job = jobs.Start(request.AgentId, request.TotalSteps, request.Restart, request.Overrides, request.Seed);
            return Task.FromResult(Describe(job));
        }
        catch (TrainingAlreadyRunningException e)
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, e.Message));
        }
        catch (FileNotFoundException e)
        {
            throw new RpcException(new Status(StatusCode.NotFound, e.Message));
        }
        catch (Exception e) when (e is AgentConfigException or ArgumentException or NotSupportedException or YamlDotNet.Core.YamlException)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }
    }

    public override async Task WatchTraining(V1.WatchTrainingRequest request, IServerStreamWriter<V1.TrainingProgress> responseStream, ServerCallContext context)
    {
        TrainingJob job = Find(request.RunId);
        await foreach (V1.TrainingProgress progress in job.Watch().ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            await responseStream.WriteAsync(progress).ConfigureAwait(false);
        }
    }

    [Authorize(CallerPolicy.Trade)]

    public override async Task<V1.TrainingRun> StopTraining(V1.StopTrainingRequest request, ServerCallContext context)
    {
        TrainingJob job = Find(request.RunId);
        if (!job.IsFinished)
        {
            await job.Stopping.CancelAsync().ConfigureAwait(false);
            job.Report(job.Latest.Clone());
        }

        return Describe(job);
    }

    public override Task<V1.ListCheckpointsResponse> ListCheckpoints(V1.ListCheckpointsRequest request, ServerCallContext context)
    {
        var response = new V1.ListCheckpointsResponse();
        try
        {
            foreach (CheckpointInfo checkpoint in jobs.Checkpoints(request.AgentId))
            {
                response.Checkpoints.Add(new V1.Checkpoint
                {
                    CheckpointId = checkpoint.Id,
                    AgentId = checkpoint.AgentId,
                    Steps = checkpoint.Steps,
                    Created = Timestamp.FromDateTime(DateTime.SpecifyKind(checkpoint.Created, DateTimeKind.Utc)),
                    Path = checkpoint.Path,
                    MeanEpisodeReward = double.IsFinite(checkpoint.MeanEpisodeReward) ? checkpoint.MeanEpisodeReward : 0,
                });
            }
        }
        catch (ArgumentException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }

        return Task.FromResult(response);
    }

    private TrainingJob Find(string runId) =>
        jobs.TryGet(runId, out TrainingJob job) ? job : throw new RpcException(new Status(StatusCode.NotFound, $"no training run '{runId}' on this trainer"));

    private static V1.TrainingRun Describe(TrainingJob job) => new()
    {
        RunId = job.RunId,
        AgentId = job.AgentId,
        State = job.Latest.State,
        Started = Timestamp.FromDateTime(job.StartedUtc),
        Error = job.Error,
    };
}
