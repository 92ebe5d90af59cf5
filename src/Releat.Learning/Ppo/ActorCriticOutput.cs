using System.Numerics;

namespace Releat.Learning.Ppo;

/// <summary>A forward pass's result: logits [batch × actions] and values [batch], valid until the next forward.</summary>
public readonly ref struct ActorCriticOutput<T>(ReadOnlySpan<T> logits, ReadOnlySpan<T> values)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public ReadOnlySpan<T> Logits { get; } = logits;

    public ReadOnlySpan<T> Values { get; } = values;
}
