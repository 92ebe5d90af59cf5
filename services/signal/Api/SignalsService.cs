using Releat.Grpc;
using V1 = Releat.Contracts.V1;

namespace Releat.Signal.Api;

/// <summary>The releat.v1.Signals gRPC service. Methods not overridden answer UNIMPLEMENTED. Signals are only read.</summary>
[RequiresRole(GrpcRole.Read)]
public sealed class SignalsService : V1.Signals.SignalsBase
{
}
