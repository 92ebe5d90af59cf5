using Grpc.Core;
using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.FeatureBuilder.Building;
using Microsoft.AspNetCore.Authorization;
using Releat.Features.Registry;
using Releat.Features.Store;
using Releat.ServiceDefaults.Auth;
using V1 = Releat.Contracts.V1;

namespace Releat.FeatureBuilder.Api;

/// <summary>
/// The releat.v1.FeatureBuilder gRPC service. Building datasets starts and watches jobs that cost hours of CPU,
/// so it needs the trade role; reading observations needs read.
/// </summary>
public sealed class FeatureBuilderService(BuildJobs jobs, FeatureRegistry registry, IFeatureStore store, Microsoft.Extensions.Options.IOptions<FeatureBuilderOptions> options) : V1.FeatureBuilder.FeatureBuilderBase
{
    [Authorize(CallerPolicy.Trade)]
    public override Task BuildTrainData(V1.BuildTrainDataRequest request, IServerStreamWriter<V1.BuildProgress> responseStream, ServerCallContext context)
    {
        AgentConfig config;
        try
        {
            config = new AgentConfigLoader(registry).Load(AgentLocator.ConfigPath(request.AgentId, options.Value.AgentsRoot));
        }
        catch (AgentConfigException e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, e.Message));
        }
        catch (FileNotFoundException e)
        {
            throw new RpcException(new Status(StatusCode.NotFound, e.Message));
        }
        catch (ArgumentException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }

        return StreamAsync(jobs.StartOrAttach(config, request.Force), responseStream, context);
    }

    [Authorize(CallerPolicy.Trade)]

    public override Task WatchBuild(V1.WatchBuildRequest request, IServerStreamWriter<V1.BuildProgress> responseStream, ServerCallContext context) =>
        jobs.TryGet(request.JobId, out var job)
            ? StreamAsync(job, responseStream, context)
            : throw new RpcException(new Status(StatusCode.NotFound, $"no build job '{request.JobId}'"));

    public override Task<V1.Observation> GetLatestObservation(V1.GetLatestObservationRequest request, ServerCallContext context)
    {
        var latest = store.ReadLatest(request.AgentId)
            ?? throw new RpcException(new Status(StatusCode.Unavailable,
                $"no live observation for agent '{request.AgentId}' yet: the signal service publishes one at each decision once it is warm"));
        var observation = new V1.Observation
        {
            AgentId = request.AgentId,
            DecisionTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UnixEpoch.AddMilliseconds(latest.DecisionTimeMs)),
            FeatureTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UnixEpoch.AddMilliseconds(latest.FeatureTimeMs)),
        };
        observation.Values.AddRange(latest.Values);
        return Task.FromResult(observation);
    }

    private static async Task StreamAsync(BuildJob job, IServerStreamWriter<V1.BuildProgress> responseStream, ServerCallContext context)
    {
        // The job goes on if this client leaves; it can watch again with WatchBuild.
        await foreach (var progress in job.Watch().ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            await responseStream.WriteAsync(progress).ConfigureAwait(false);
        }
    }
}
