using Releat.Trading;

namespace Releat.Training.Evaluation;

/// <summary>The baseline that never trades: what doing nothing earns (zero, and no risk).</summary>
public sealed class FlatPolicy : ITradingPolicy
{
    public string Name => "flat";

    public void Reset()
    {
    }

    public int Choose(TradingEnvironment environment, ReadOnlySpan<float> observation, ReadOnlySpan<bool> mask) =>
        mask[ActionTable.HoldIndex] ? ActionTable.HoldIndex : mask.IndexOf(true);
}
