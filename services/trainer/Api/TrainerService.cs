using V1 = Releat.Contracts.V1;

namespace Releat.Trainer.Api;

/// <summary>The releat.v1.Trainer gRPC service. Methods not overridden answer UNIMPLEMENTED.</summary>
public sealed class TrainerService : V1.Trainer.TrainerBase
{
}
