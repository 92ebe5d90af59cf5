using System.Numerics;

namespace Releat.Learning.Layers;

/// <summary>x for x &gt; 0, slope·x otherwise (PyTorch's default slope 0.01); the slope must be positive so y's sign tells x's.</summary>
public sealed class LeakyRelu<T> : ElementwiseActivation<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _slope;

    public LeakyRelu(int size, int maxBatch, double negativeSlope = 0.01)
        : base(size, maxBatch)
    {
        if (!(negativeSlope > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, "LeakyRelu: the negative slope must be positive.");
        }

        _slope = T.CreateChecked(negativeSlope);
    }

    protected override void Activate(ReadOnlySpan<T> x, Span<T> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = x[i] > T.Zero ? x[i] : _slope * x[i];
        }
    }

    protected override void Differentiate(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> dy, Span<T> dx)
    {
        for (int i = 0; i < dx.Length; i++)
        {
            dx[i] = y[i] > T.Zero ? dy[i] : _slope * dy[i];
        }
    }
}
