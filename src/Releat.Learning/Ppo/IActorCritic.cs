using System.Numerics;
using Releat.Learning.Numerics;
using Releat.Learning.Parameters;

namespace Releat.Learning.Ppo;

/// <summary>
/// What PPO needs of a policy-and-value network: a batched forward pass to action logits and state values, the
/// backward pass from their gradients, the flat parameters, and a replica that shares the parameters but keeps its
/// own gradients and activations (so two threads can each take half a minibatch).
/// </summary>
public interface IActorCritic<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    int ObservationSize { get; }

    int ActionCount { get; }

    int MaxBatch { get; }

    ParameterStore<T> Parameters { get; }

    /// <summary>Logits [batch × actions] and values [batch], in buffers the network owns.</summary>
    ActorCriticOutput<T> Forward(ReadOnlySpan<T> observations, int batch, bool training);

    /// <summary>Adds dLoss/dparameters to <see cref="Parameters"/>' gradients.</summary>
    void Backward(ReadOnlySpan<T> logitGradient, ReadOnlySpan<T> valueGradient, int batch);

    /// <summary>The generator behind the network's own random choices (dropout masks), saved with checkpoints; null if none.</summary>
    SeededRandom? Random => null;

    IActorCritic<T> CreateGradientReplica();
}
