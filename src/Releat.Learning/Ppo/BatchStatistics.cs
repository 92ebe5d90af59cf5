namespace Releat.Learning.Ppo;

/// <summary>Batch figures PPO needs: per-minibatch advantage normalisation and the value function's explained variance.</summary>
public static class BatchStatistics
{
    /// <summary>(x − mean) / (std + 1e-8) in place, with the unbiased std as torch's Tensor.std (CleanRL's norm_adv).</summary>
    public static void Normalize(Span<float> values)
    {
        if (values.Length < 2)
        {
            throw new ArgumentException($"BatchStatistics.Normalize needs at least 2 values, got {values.Length}.", nameof(values));
        }

        double mean = 0;
        foreach (float v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        double sumSquares = 0;
        foreach (float v in values)
        {
            sumSquares += (v - mean) * (v - mean);
        }

        double std = Math.Sqrt(sumSquares / (values.Length - 1));
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((values[i] - mean) / (std + 1e-8));
        }
    }

    /// <summary>1 − Var(returns − values) / Var(returns) (population variances, as numpy); NaN when the returns do not vary.</summary>
    public static double ExplainedVariance(ReadOnlySpan<float> values, ReadOnlySpan<float> returns)
    {
        double meanReturn = 0, meanResidual = 0;
        for (int i = 0; i < returns.Length; i++)
        {
            meanReturn += returns[i];
            meanResidual += returns[i] - values[i];
        }

        meanReturn /= returns.Length;
        meanResidual /= returns.Length;
        double varReturn = 0, varResidual = 0;
        for (int i = 0; i < returns.Length; i++)
        {
            varReturn += (returns[i] - meanReturn) * (returns[i] - meanReturn);
            double residual = returns[i] - values[i] - meanResidual;
            varResidual += residual * residual;
        }

        return varReturn == 0 ? double.NaN : 1 - (varResidual / varReturn);
    }
}
