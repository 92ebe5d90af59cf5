using System.Numerics;

namespace Releat.Learning.Layers;

/// <summary>
/// A differentiable step of a network over a batch of rows (row-major, <see cref="InputSize"/> values a row).
/// Each layer owns its output and input-gradient buffers, sized once for the network's largest batch; the spans
/// returned stay valid until the next call.
/// </summary>
public interface ILayer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    int InputSize { get; }

    int OutputSize { get; }

    /// <summary>Computes the output of <paramref name="batch"/> rows and keeps what <see cref="Backward"/> needs.</summary>
    /// <param name="training">True while learning: dropout is active only then.</param>
    ReadOnlySpan<T> Forward(ReadOnlySpan<T> input, int batch, bool training);

    /// <summary>From dLoss/dOutput of the last forward rows: adds to the parameter gradients, returns dLoss/dInput.</summary>
    ReadOnlySpan<T> Backward(ReadOnlySpan<T> outputGradient, int batch);
}
