using System.Numerics;
using System.Numerics.Tensors;
using Releat.Learning.Numerics;

namespace Releat.Learning.Distributions;

/// <summary>
/// A categorical policy over discrete actions given logits and an action mask (true = allowed), one row per
/// observation. Masked actions get exactly zero probability (log-probability −∞), are never sampled, add nothing to
/// the entropy and receive no gradient. An empty mask means every action is allowed.
/// </summary>
public static class MaskedCategorical
{
    /// <summary>log p over one row: log-softmax over the allowed actions, −∞ for the masked ones.</summary>
    public static void LogProbabilities<T>(ReadOnlySpan<T> logits, ReadOnlySpan<bool> mask, Span<T> logProbabilities)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (mask.IsEmpty)
        {
            T max = TensorPrimitives.Max(logits);
            TensorPrimitives.Subtract(logits, max, logProbabilities);
            T logSum = T.Log(SumOfExp(logProbabilities));
            TensorPrimitives.Subtract(logProbabilities, logSum, logProbabilities);
            return;
        }

        CheckMask(mask, logits.Length);
        T maxAllowed = T.NegativeInfinity;
        for (int k = 0; k < logits.Length; k++)
        {
            if (mask[k] && logits[k] > maxAllowed)
            {
                maxAllowed = logits[k];
            }
        }

        T sum = T.Zero;
        for (int k = 0; k < logits.Length; k++)
        {
            if (mask[k])
            {
                sum += T.Exp(logits[k] - maxAllowed);
            }
        }

        T logNormaliser = maxAllowed + T.Log(sum);
        for (int k = 0; k < logits.Length; k++)
        {
            logProbabilities[k] = mask[k] ? logits[k] - logNormaliser : T.NegativeInfinity;
        }
    }

    /// <summary>Draws an action by inverting the cumulative distribution at one seeded uniform draw.</summary>
    public static int Sample<T>(ReadOnlySpan<T> logProbabilities, SeededRandom random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(random);
        double u = random.NextDouble();
        double cumulative = 0;
        int lastAllowed = -1;
        for (int k = 0; k < logProbabilities.Length; k++)
        {
            if (T.IsNegativeInfinity(logProbabilities[k]))
            {
                continue;
            }

            lastAllowed = k;
            cumulative += double.CreateChecked(T.Exp(logProbabilities[k]));
            if (u < cumulative)
            {
                return k;
            }
        }

        // Rounding can leave the total a hair below one: the last allowed action takes the remainder.
        return lastAllowed;
    }

    /// <summary>The most probable allowed action (greedy evaluation; the first on ties).</summary>
    public static int MostLikely<T>(ReadOnlySpan<T> logProbabilities)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int best = -1;
        T bestLogP = T.NegativeInfinity;
        for (int k = 0; k < logProbabilities.Length; k++)
        {
            if (!T.IsNegativeInfinity(logProbabilities[k]) && (best < 0 || logProbabilities[k] > bestLogP))
            {
                best = k;
                bestLogP = logProbabilities[k];
            }
        }

        return best;
    }

    /// <summary>H = −Σ p log p over the allowed actions.</summary>
    public static T Entropy<T>(ReadOnlySpan<T> logProbabilities)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T entropy = T.Zero;
        foreach (T logP in logProbabilities)
        {
            if (!T.IsNegativeInfinity(logP))
            {
                entropy -= T.Exp(logP) * logP;
            }
        }

        return entropy;
    }

    /// <summary>
    /// Adds to dLoss/dlogits for one row, given dLoss/d(log p(action)) and dLoss/dH:
    /// d log p(a)/dzₖ = 1[k = a] − pₖ and dH/dzₖ = −pₖ(log pₖ + H), over allowed actions only.
    /// </summary>
    public static void AccumulateLogitGradient<T>(
        ReadOnlySpan<T> logProbabilities, int action, T logProbabilityGradient, T entropyGradient, Span<T> logitGradient)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        AccumulateLogitGradient(logProbabilities, action, logProbabilityGradient, entropyGradient, Entropy(logProbabilities), logitGradient);

    /// <summary>As above, with the row's entropy already computed by the caller.</summary>
    public static void AccumulateLogitGradient<T>(
        ReadOnlySpan<T> logProbabilities, int action, T logProbabilityGradient, T entropyGradient, T entropy, Span<T> logitGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int k = 0; k < logProbabilities.Length; k++)
        {
            T logP = logProbabilities[k];
            if (T.IsNegativeInfinity(logP))
            {
                continue;
            }

            T p = T.Exp(logP);
            T indicator = k == action ? T.One : T.Zero;
            logitGradient[k] += (logProbabilityGradient * (indicator - p)) - (entropyGradient * p * (logP + entropy));
        }
    }

    private static T SumOfExp<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (T v in values)
        {
            sum += T.Exp(v);
        }

        return sum;
    }

    private static void CheckMask(ReadOnlySpan<bool> mask, int actions)
    {
        if (mask.Length != actions)
        {
            throw new ArgumentException($"MaskedCategorical: the action mask has {mask.Length} entries for {actions} actions.", nameof(mask));
        }

        if (!mask.Contains(true))
        {
            throw new ArgumentException("MaskedCategorical: the action mask allows no action.", nameof(mask));
        }
    }
}
