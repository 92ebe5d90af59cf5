using Releat.Learning.Numerics;
using Releat.Trading;

namespace Releat.Training.Evaluation;

/// <summary>The baseline that picks uniformly among the allowed actions at every decision (seeded): trading without skill.</summary>
public sealed class RandomPolicy(ulong seed) : ITradingPolicy
{
    private readonly SeededRandom _random = new(seed);

    public string Name => "random";

    public void Reset() => _random.Reseed(seed);

    public int Choose(TradingEnvironment environment, ReadOnlySpan<float> observation, ReadOnlySpan<bool> mask)
    {
        int allowed = 0;
        foreach (bool a in mask)
        {
            allowed += a ? 1 : 0;
        }

        int pick = _random.NextInt(allowed);
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i] && pick-- == 0)
            {
                return i;
            }
        }

        return ActionTable.HoldIndex;
    }
}
