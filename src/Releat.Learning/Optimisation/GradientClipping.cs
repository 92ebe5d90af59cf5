using System.Numerics.Tensors;

namespace Releat.Learning.Optimisation;

/// <summary>Global gradient-norm clipping as torch.nn.utils.clip_grad_norm_ (scale by max_norm / (‖g‖ + 1e-6) when that is below one).</summary>
public static class GradientClipping
{
    /// <summary>Clips in place; returns the norm before clipping (what CleanRL would log).</summary>
    public static double ClipGlobalNorm(Span<float> gradients, double maxNorm)
    {
        double norm = TensorPrimitives.Norm<float>(gradients);
        double scale = maxNorm / (norm + 1e-6);
        if (scale < 1.0)
        {
            TensorPrimitives.Multiply(gradients, (float)scale, gradients);
        }

        return norm;
    }
}
