using System.Globalization;
using Releat.Trading.Benchmarks;

// Environment steps per second without a network, and PPO training steps per second with t00001's network.
// Usage: Releat.Trading.Benchmarks [training_iterations=20]
int iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
Console.WriteLine($"Releat.Trading benchmarks — {Environment.ProcessorCount} cores, .NET {Environment.Version}");
string home = Path.Combine(Path.GetTempPath(), "releat-trading-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
try
{
    var (config, dataset) = BenchmarkData.T00001(days: 10, home);
    using (dataset)
    {
        EnvironmentBenchmark.Run(config, dataset);
        TrainingBenchmark.Run(config, dataset, iterations, gradientWorkers: 1);
        TrainingBenchmark.Run(config, dataset, iterations, gradientWorkers: 2);
    }
}
finally
{
    Directory.Delete(home, recursive: true);
}
