namespace Releat.Learning.Ppo;

/// <summary>
/// Gymnasium's NormalizeReward: keeps each environment's discounted return G ← γ·G·(1 − terminated) + r, tracks the
/// running variance of G, and divides rewards by √(var + 1e-8). Scales rewards without shifting them.
/// </summary>
public sealed class RewardNormalizer
{
    private const double Epsilon = 1e-8;
    private readonly double[] _returns;
    private readonly double _gamma;

    public RewardNormalizer(int numEnvs, double gamma)
    {
        _returns = new double[numEnvs];
        _gamma = gamma;
    }

    public RunningMeanStd ReturnStatistics { get; } = new();

    /// <summary>The discounted return of each environment so far (checkpointed).</summary>
    public Span<double> DiscountedReturns => _returns;

    public void Normalize(Span<float> rewards, ReadOnlySpan<bool> terminations)
    {
        for (int i = 0; i < _returns.Length; i++)
        {
            _returns[i] = (_returns[i] * _gamma * (terminations[i] ? 0.0 : 1.0)) + rewards[i];
        }

        ReturnStatistics.Update(_returns);
        float scale = (float)(1.0 / Math.Sqrt(ReturnStatistics.Variance + Epsilon));
        for (int i = 0; i < rewards.Length; i++)
        {
            rewards[i] *= scale;
        }
    }
}
