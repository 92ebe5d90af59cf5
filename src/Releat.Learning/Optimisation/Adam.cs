using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Releat.Learning.Optimisation;

/// <summary>
/// Adam over one flat parameter span, step for step as torch.optim.Adam / AdamW compute it:
/// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − (lr / (1−β₁ᵗ))·m / (√v / √(1−β₂ᵗ) + eps),
/// with θ ← θ(1 − lr·wd) first when weight decay is set. The moments and step are the state checkpoints keep.
/// </summary>
public sealed class Adam
{
    private readonly float[] _firstMoment;
    private readonly float[] _secondMoment;

    public Adam(int parameterCount, AdamConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        LearningRate = config.LearningRate;
        _firstMoment = new float[parameterCount];
        _secondMoment = new float[parameterCount];
    }

    public AdamConfig Config { get; }

    /// <summary>The rate the next step uses; schedules set it before each update.</summary>
    public double LearningRate { get; set; }

    public long Step { get; private set; }

    public Span<float> FirstMoment => _firstMoment;

    public Span<float> SecondMoment => _secondMoment;

    public void RestoreStep(long step) => Step = step >= 0
        ? step
        : throw new ArgumentOutOfRangeException(nameof(step), step, "Adam: the step count cannot be negative.");

    public void Update(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (parameters.Length != _firstMoment.Length || gradients.Length != _firstMoment.Length)
        {
            throw new ArgumentException(
                $"Adam: built for {_firstMoment.Length} parameters, given {parameters.Length} values and {gradients.Length} gradients.", nameof(parameters));
        }

        Step++;
        double biasCorrection1 = 1 - Math.Pow(Config.Beta1, Step);
        double biasCorrection2 = 1 - Math.Pow(Config.Beta2, Step);
        float stepSize = (float)(LearningRate / biasCorrection1);
        float inverseSqrtCorrection2 = (float)(1 / Math.Sqrt(biasCorrection2));
        float beta1 = (float)Config.Beta1, beta2 = (float)Config.Beta2, eps = (float)Config.Eps;
        float decay = (float)(1 - (LearningRate * Config.WeightDecay));
        bool decays = Config.WeightDecay != 0;

        ref float p = ref MemoryMarshal.GetReference(parameters);
        ref float g = ref MemoryMarshal.GetReference(gradients);
        ref float m = ref MemoryMarshal.GetArrayDataReference(_firstMoment);
        ref float v = ref MemoryMarshal.GetArrayDataReference(_secondMoment);
        int i = 0;
        int width = Vector256<float>.Count;
        var b1 = Vector256.Create(beta1);
        var b2 = Vector256.Create(beta2);
        var oneMinusB1 = Vector256.Create(1 - beta1);
        var oneMinusB2 = Vector256.Create(1 - beta2);
        var size = Vector256.Create(stepSize);
        var correction = Vector256.Create(inverseSqrtCorrection2);
        var epsilon = Vector256.Create(eps);
        var decayV = Vector256.Create(decay);
        for (; i + width <= parameters.Length; i += width)
        {
            nuint at = (nuint)i;
            Vector256<float> gi = Vector256.LoadUnsafe(ref g, at);
            Vector256<float> mi = (b1 * Vector256.LoadUnsafe(ref m, at)) + (oneMinusB1 * gi);
            Vector256<float> vi = (b2 * Vector256.LoadUnsafe(ref v, at)) + (oneMinusB2 * gi * gi);
            Vector256<float> pi = Vector256.LoadUnsafe(ref p, at);
            if (decays)
            {
                pi *= decayV;
            }

            Vector256<float> denominator = (Vector256.Sqrt(vi) * correction) + epsilon;
            pi -= size * mi / denominator;
            mi.StoreUnsafe(ref m, at);
            vi.StoreUnsafe(ref v, at);
            pi.StoreUnsafe(ref p, at);
        }

        for (; i < parameters.Length; i++)
        {
            float gi = gradients[i];
            float mi = _firstMoment[i] = (beta1 * _firstMoment[i]) + ((1 - beta1) * gi);
            float vi = _secondMoment[i] = (beta2 * _secondMoment[i]) + ((1 - beta2) * gi * gi);
            float pi = decays ? parameters[i] * decay : parameters[i];
            parameters[i] = pi - (stepSize * mi / ((MathF.Sqrt(vi) * inverseSqrtCorrection2) + eps));
        }
    }
}
