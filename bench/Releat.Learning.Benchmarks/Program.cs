using System.Globalization;
using Releat.Learning.Benchmarks;

// One run, every figure: PyTorch's PPO and ours on CartPole with the same settings, the reference trading network's
// forward/backward throughput and allocations, and the two places where a second core could help.
// Usage: Releat.Learning.Benchmarks [ppo_steps=200000] [seed=1]
long steps = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
ulong seed = args.Length > 1 ? ulong.Parse(args[1], CultureInfo.InvariantCulture) : 1;

Console.WriteLine($"Releat.Learning benchmarks — {Environment.ProcessorCount} cores, .NET {Environment.Version}, AVX2 {System.Runtime.Intrinsics.X86.Avx2.IsSupported}, AVX-512 {System.Runtime.Intrinsics.X86.Avx512F.IsSupported}");
DenseMathBenchmark.Run();
VectorEnvBenchmark.Run();
TradingNetworkBenchmark.Run();
PpoCartPoleBenchmark.Run(steps, seed);
