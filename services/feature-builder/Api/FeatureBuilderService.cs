using V1 = Releat.Contracts.V1;

namespace Releat.FeatureBuilder.Api;

/// <summary>The releat.v1.FeatureBuilder gRPC service. Methods not overridden answer UNIMPLEMENTED.</summary>
public sealed class FeatureBuilderService : V1.FeatureBuilder.FeatureBuilderBase
{
}
