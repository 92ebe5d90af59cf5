using Releat.Grpc;
using V1 = Releat.Contracts.V1;

namespace Releat.FeatureBuilder.Api;

/// <summary>
/// The releat.v1.FeatureBuilder gRPC service. Methods not overridden answer UNIMPLEMENTED. Building datasets
/// starts and watches jobs that cost hours of CPU, so it needs the trade role; reading observations needs read.
/// </summary>
[RequiresRole(GrpcRole.Trade, Methods = [
    nameof(V1.FeatureBuilder.FeatureBuilderBase.BuildTrainData),
    nameof(V1.FeatureBuilder.FeatureBuilderBase.WatchBuild)])]
public sealed class FeatureBuilderService : V1.FeatureBuilder.FeatureBuilderBase
{
}
