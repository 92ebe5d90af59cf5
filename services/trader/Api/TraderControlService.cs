using Releat.Grpc;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Api;

/// <summary>
/// The releat.v1.TraderControl gRPC service. Methods not overridden answer UNIMPLEMENTED. Pausing, resuming and
/// flattening change what is traded, so they need the trade role; the status needs read.
/// </summary>
[RequiresRole(GrpcRole.Trade, Methods = [
    nameof(V1.TraderControl.TraderControlBase.Pause),
    nameof(V1.TraderControl.TraderControlBase.Resume),
    nameof(V1.TraderControl.TraderControlBase.FlattenAll)])]
public sealed class TraderControlService : V1.TraderControl.TraderControlBase
{
}
