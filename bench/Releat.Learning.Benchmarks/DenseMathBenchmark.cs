using Releat.Learning.Numerics;

namespace Releat.Learning.Benchmarks;

/// <summary>GFLOP/s of the three dense layouts at the sizes the CartPole agent trains with (128 rows × 64 × 64).</summary>
internal static class DenseMathBenchmark
{
    public static void Run()
    {
        const int rows = 128, inner = 64, cols = 64;
        float[] x = Fill(rows * inner), w = Fill(cols * inner), wt = Fill(inner * cols), y = new float[rows * cols], dw = new float[cols * inner];
        double flops = 2.0 * rows * inner * cols;
        var forward = Measure.Run(() => DenseMath.Multiply<float>(x, wt, y, rows, inner, cols, accumulate: false), 20_000);
        var weightGradient = Measure.Run(() => DenseMath.MultiplyTransposedLeft<float>(y, x, dw, cols, rows, inner, accumulate: true), 20_000);
        var inputGradient = Measure.Run(() => DenseMath.Multiply<float>(y, w, x, rows, cols, inner, accumulate: false), 20_000);
        Console.WriteLine();
        Console.WriteLine($"Dense math, {rows}×{inner}·{inner}×{cols} float32:");
        Console.WriteLine($"  forward X·Wᵀ        {flops / forward.SecondsPerCall / 1e9,6:F1} GFLOP/s");
        Console.WriteLine($"  weight grad dYᵀ·X   {flops / weightGradient.SecondsPerCall / 1e9,6:F1} GFLOP/s");
        Console.WriteLine($"  input grad dY·W     {flops / inputGradient.SecondsPerCall / 1e9,6:F1} GFLOP/s");
    }

    private static float[] Fill(int n)
    {
        var random = new SeededRandom(1);
        float[] v = new float[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = (float)(random.NextDouble() - 0.5);
        }

        return v;
    }
}
