using Releat.Learning.Environments;

namespace Releat.Learning.Benchmarks;

/// <summary>
/// Does stepping on two cores pay? Steps per second of 4 environments, sequential vs split across a helper thread,
/// for CartPole itself (tens of nanoseconds a step) and for CartPole padded with work (microseconds a step). The
/// cores-used column shows whether the machine had a second core to give at all.
/// </summary>
internal static class VectorEnvBenchmark
{
    public static void Run()
    {
        Console.WriteLine();
        Console.WriteLine("Vector env, 4 environments, sequential vs parallel (2 threads):");
        foreach (int work in new[] { 0, 500, 5_000 })
        {
            foreach (bool parallel in new[] { false, true })
            {
                using var envs = new VectorEnv([.. Enumerable.Range(0, 4).Select(_ => work == 0 ? new CartPole() : (IEnvironment)new CostlyEnvironment(work))], parallel);
                envs.Reset(1);
                int[] actions = [0, 1, 1, 0];
                var result = Measure.Run(() => envs.Step(actions), work == 0 ? 200_000 : 2_000, warmup: 1_000);
                string what = work == 0 ? "CartPole" : $"CartPole + {work} sqrt";
                string how = parallel ? "parallel" : "sequential";
                Console.WriteLine($"  {what,-22} {how,-11} {4 / result.SecondsPerCall,14:N0} env-steps/s   {result.SecondsPerCall / 4 * 1e6,8:F3} µs a step   {result.BytesPerCall:F0} B allocated per step   {result.CoresUsed:F2} cores used");
            }
        }
    }
}
