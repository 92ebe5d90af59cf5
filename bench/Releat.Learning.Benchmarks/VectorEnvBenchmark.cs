using Releat.Learning.Environments;

namespace Releat.Learning.Benchmarks;

/// <summary>Does stepping CartPoles on two cores pay? Steps per second of 4 envs, sequential vs split across a helper thread.</summary>
internal static class VectorEnvBenchmark
{
    public static void Run()
    {
        Console.WriteLine();
        Console.WriteLine("Vector env, 4 × CartPole-v1:");
        foreach (bool parallel in new[] { false, true })
        {
            using var envs = new VectorEnv([.. Enumerable.Range(0, 4).Select(_ => (IEnvironment)new CartPole())], parallel);
            envs.Reset(1);
            int[] actions = [0, 1, 1, 0];
            var result = Measure.Run(() => envs.Step(actions), 200_000, warmup: 10_000);
            Console.WriteLine($"  {(parallel ? "parallel (2 threads)" : "sequential"),-22} {4 / result.SecondsPerCall / 1e6,6:F2} M env-steps/s, {result.BytesPerCall:F0} B allocated per step");
        }
    }
}
