using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Api;

/// <summary>The releat.v1.TraderControl gRPC service. Methods not overridden answer UNIMPLEMENTED.</summary>
public sealed class TraderControlService : V1.TraderControl.TraderControlBase
{
}
