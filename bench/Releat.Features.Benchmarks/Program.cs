using System.Globalization;
using Releat.Features.Benchmarks;

// Feature engine benchmarks: the pandas peer comparison, the live per-tick cost for t00001, a month's dataset build.
// Usage: dotnet run -c Release --project bench/Releat.Features.Benchmarks [ticks]   (default 5,000,000)
int ticks = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000_000;
Console.WriteLine($"releat feature benchmarks on {Environment.ProcessorCount} cores, .NET {Environment.Version}");
BarsVersusPandas.Run(ticks);
LiveTickCost.Run(ticks);
DatasetBuildTime.Run(days: 31);
