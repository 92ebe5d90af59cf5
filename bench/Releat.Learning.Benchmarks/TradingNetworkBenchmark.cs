using Releat.Learning.Layers;
using Releat.Learning.Models;

namespace Releat.Learning.Benchmarks;

/// <summary>
/// The reference trading agent's network: a 30 s window group (5 lags × 8 features), a 5 min group (3 lags × 4
/// features), time of day (sin, cos) and position (side, unrealised P&amp;L), each GRN-encoded to 32, variable
/// selection, actor (9 actions) and critic heads of 64. Batch 1 is the signal service's inference latency; batch 512
/// is training throughput. Measured with ELU encoders (the TFT's, and checkpoints from before the choice existed) and
/// with GELU encoders (what the agent configs name), tanh heads in both.
/// </summary>
internal static class TradingNetworkBenchmark
{
    public static void Run()
    {
        Run(ActivationFunction.Elu);
        Run(ActivationFunction.Gelu);
    }

    private static void Run(ActivationFunction encoderActivation)
    {
        var spec = new TradingAgentSpec(
            [5 * 8, 3 * 4, 2, 2], ActionCount: 9, EncoderWidth: 32, HeadHidden: 64, Dropout: 0.1, EncoderActivation: encoderActivation);
        var network = new TradingAgentNetwork<float>(spec, maxBatch: 512, seed: 1);
        float[] observations = new float[512 * spec.ObservationSize];
        float[] logitGradient = new float[512 * spec.ActionCount];
        float[] valueGradient = new float[512];
        var random = new Releat.Learning.Numerics.SeededRandom(2);
        for (int i = 0; i < observations.Length; i++)
        {
            observations[i] = (float)random.NextGaussian();
        }

        Array.Fill(logitGradient, 0.01f);
        Array.Fill(valueGradient, 0.1f);

        Console.WriteLine();
        Console.WriteLine($"Trading agent network ({encoderActivation} GRN encoders 32 → VSN → tanh heads 64; {network.Parameters.Count:N0} parameters, {spec.ObservationSize} inputs):");
        var inference = Measure.Run(() => network.Forward(observations.AsSpan(0, spec.ObservationSize), 1, training: false), 20_000);
        Console.WriteLine($"  batch 1 forward (inference)      {inference.SecondsPerCall * 1e6,8:F1} µs    {inference.BytesPerCall:F0} B allocated per call");
        var single = Measure.Run(
            () =>
            {
                network.Forward(observations.AsSpan(0, spec.ObservationSize), 1, training: true);
                network.Backward(logitGradient.AsSpan(0, spec.ActionCount), valueGradient.AsSpan(0, 1), 1);
            },
            20_000);
        Console.WriteLine($"  batch 1 forward+backward         {single.SecondsPerCall * 1e6,8:F1} µs    {single.BytesPerCall:F0} B allocated per call");
        var batchForward = Measure.Run(() => network.Forward(observations, 512, training: true), 300, warmup: 30);
        Console.WriteLine($"  batch 512 forward                {batchForward.SecondsPerCall * 1e3,8:F2} ms    {batchForward.BytesPerCall:F0} B allocated per call");
        var training = Measure.Run(
            () =>
            {
                network.Forward(observations, 512, training: true);
                network.Backward(logitGradient, valueGradient, 512);
            },
            300,
            warmup: 30);
        Console.WriteLine($"  batch 512 forward+backward       {training.SecondsPerCall * 1e3,8:F2} ms    {512 / training.SecondsPerCall,10:N0} samples/s    {training.BytesPerCall:F0} B allocated per call");
    }
}
