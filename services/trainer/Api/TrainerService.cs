using Releat.Grpc;
using V1 = Releat.Contracts.V1;

namespace Releat.Trainer.Api;

/// <summary>
/// The releat.v1.Trainer gRPC service. Methods not overridden answer UNIMPLEMENTED. Starting and stopping training
/// needs the trade role; watching progress and listing checkpoints needs read.
/// </summary>
[RequiresRole(GrpcRole.Trade, Methods = [
    nameof(V1.Trainer.TrainerBase.StartTraining),
    nameof(V1.Trainer.TrainerBase.StopTraining)])]
public sealed class TrainerService : V1.Trainer.TrainerBase
{
}
