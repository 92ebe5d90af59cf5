using System.Numerics;
using Releat.Learning.Distributions;

namespace Releat.Learning.Ppo;

/// <summary>
/// CleanRL's PPO objective on one minibatch (Schulman et al. 2017):
/// loss = mean(max(−A·r, −A·clip(r, 1−ε, 1+ε))) − ent_coef·mean(H) + vf_coef·v_loss, with
/// v_loss = ½·mean((V − R)²) or, clipped, ½·mean(max((V − R)², (V_old + clip(V − V_old, −ε, ε) − R)²)).
/// Returns the figures and writes dloss/dlogits and dloss/dvalues (generic so the check runs in double).
/// <paramref name="meanOver"/> lets a part of a minibatch average over the whole one, so parts' figures and gradients add up.
/// </summary>
public static class PpoLoss
{
    public static PpoLossStatistics Compute<T>(
        ReadOnlySpan<T> logits,
        ReadOnlySpan<bool> masks,
        ReadOnlySpan<T> values,
        ReadOnlySpan<int> actions,
        ReadOnlySpan<T> oldLogProbabilities,
        ReadOnlySpan<T> advantages,
        ReadOnlySpan<T> returns,
        ReadOnlySpan<T> oldValues,
        PpoLossCoefficients coefficients,
        Span<T> logProbabilityScratch,
        Span<T> logitGradient,
        Span<T> valueGradient,
        int meanOver = 0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        int n = actions.Length;
        int actionCount = logits.Length / n;
        int divisor = meanOver > 0 ? meanOver : n;
        T count = T.CreateChecked(divisor);
        T clip = T.CreateChecked(coefficients.ClipCoef);
        T lower = T.One - clip, upper = T.One + clip;
        T entCoef = T.CreateChecked(coefficients.EntCoef);
        T vfCoef = T.CreateChecked(coefficients.VfCoef);
        T vClip = T.CreateChecked(coefficients.ClipCoef);
        T half = T.CreateChecked(0.5);

        double policyLoss = 0, valueLoss = 0, entropySum = 0, oldKl = 0, kl = 0;
        int clipped = 0;
        logitGradient[..(n * actionCount)].Clear();
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<T> rowLogits = logits.Slice(i * actionCount, actionCount);
            ReadOnlySpan<bool> rowMask = masks.IsEmpty ? default : masks.Slice(i * actionCount, actionCount);
            Span<T> logP = logProbabilityScratch.Slice(i * actionCount, actionCount);
            MaskedCategorical.LogProbabilities(rowLogits, rowMask, logP);

            T logRatio = logP[actions[i]] - oldLogProbabilities[i];
            T ratio = T.Exp(logRatio);
            oldKl += double.CreateChecked(-logRatio);
            kl += double.CreateChecked(ratio - T.One - logRatio);
            if (T.Abs(ratio - T.One) > clip)
            {
                clipped++;
            }

            T advantage = advantages[i];
            T unclippedLoss = -advantage * ratio;
            T clippedRatio = T.Clamp(ratio, lower, upper);
            T clippedLoss = -advantage * clippedRatio;
            bool takesClipped = clippedLoss > unclippedLoss;
            policyLoss += double.CreateChecked(takesClipped ? clippedLoss : unclippedLoss);

            // d/d log p(a) = d/d ratio · ratio; the clipped branch passes gradient only inside the clip range.
            bool gradientFlows = !takesClipped || (ratio >= lower && ratio <= upper);
            T logProbabilityGradient = gradientFlows ? -advantage * ratio / count : T.Zero;
            T rowEntropy = MaskedCategorical.Entropy<T>(logP);
            entropySum += double.CreateChecked(rowEntropy);
            MaskedCategorical.AccumulateLogitGradient<T>(
                logP, actions[i], logProbabilityGradient, -entCoef / count, rowEntropy, logitGradient.Slice(i * actionCount, actionCount));

            T error = values[i] - returns[i];
            T squared = error * error;
            T gradient = error;
            if (coefficients.ClipValueLoss)
            {
                T delta = values[i] - oldValues[i];
                T clippedDelta = T.Clamp(delta, -vClip, vClip);
                T clippedError = oldValues[i] + clippedDelta - returns[i];
                T clippedSquared = clippedError * clippedError;
                if (clippedSquared > squared)
                {
                    squared = clippedSquared;
                    gradient = (delta >= -vClip && delta <= vClip) ? clippedError : T.Zero;
                }
            }

            valueLoss += double.CreateChecked(half * squared);
            valueGradient[i] = vfCoef * gradient / count;
        }

        double nd = divisor;
        policyLoss /= nd;
        valueLoss /= nd;
        double entropy = entropySum / nd;
        double loss = policyLoss - (coefficients.EntCoef * entropy) + (coefficients.VfCoef * valueLoss);
        return new PpoLossStatistics(loss, policyLoss, valueLoss, entropy, oldKl / nd, kl / nd, clipped / nd);
    }
}
