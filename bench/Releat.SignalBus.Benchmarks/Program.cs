using System.Globalization;
using Releat.SignalBus.Benchmarks;
using Releat.SignalBus.InMemory;
using Releat.SignalBus.Redis;
using Releat.Testing;

// Publish-to-receive latency of the signal bus: in memory (embedded mode) and Redis on loopback with and without
// the append-only file fsync'd on every write (the durable setting the trader's exactly-once relies on). The
// publisher and the consumer share this process and the machine's two cores with redis-server.
var quick = args.Contains("--quick");
int warmup = quick ? 200 : 1_000;
int samples = quick ? 1_000 : 10_000;
var results = new List<LatencySummary>();

await using (var memory = new InMemorySignalBus())
{
    results.Add(await LatencyRun.MeasureAsync("in memory", memory, warmup, samples));
}

foreach (var (name, arguments) in new[]
{
    ("redis, no persistence", new[] { "--appendonly", "no" }),
    ("redis, appendfsync always", Array.Empty<string>()),
})
{
    using var server = RedisServerProcess.Start(arguments);
    await using var bus = new RedisSignalBus(new RedisSignalBusOptions { Address = server.Address });
    results.Add(await LatencyRun.MeasureAsync(name, bus, warmup, samples));
}

Console.WriteLine($"Signal bus, publish -> consumer receives (one signal in flight, {samples:N0} samples after {warmup:N0} warm-up)");
Console.WriteLine($"{"bus",-28} {"p50 us",10} {"p99 us",10} {"max us",10}");
foreach (var r in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name,-28} {r.P50Micros,10:F1} {r.P99Micros,10:F1} {r.MaxMicros,10:F1}"));
}

var (nanos, bytes) = TickPathAllocations.Measure(quick ? 1_000_000 : 10_000_000);
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Trader tick path (MarketWatch.OnTick): {nanos:F1} ns/tick, {bytes:F3} bytes allocated/tick"));
