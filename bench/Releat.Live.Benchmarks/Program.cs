using System.Globalization;
using System.Runtime.InteropServices;
using Releat.Features.Registry;
using Releat.Live;
using Releat.Live.Benchmarks;

// Tick to order: from the arrival of the tick that closes a decision to the broker receiving the order it caused.
// In one process (goal p99 < 200 us) and across the gateway, signal and trader processes over Redis on loopback
// (goal p99 < 2 ms). The old Python system took 0.1 to 3 s per decision.
var quick = args.Contains("--quick");
int speedAt = Array.IndexOf(args, "--speed");
double marketSpeed = speedAt >= 0 ? double.Parse(args[speedAt + 1], CultureInfo.InvariantCulture) : 300;
bool crossOnly = args.Contains("--cross-process-only");
int ordersAt = Array.IndexOf(args, "--orders");
int wantedOrders = ordersAt >= 0 ? int.Parse(args[ordersAt + 1], CultureInfo.InvariantCulture) : quick ? 40 : 500;
string home = Path.Combine(Path.GetTempPath(), "releat-live-bench", Guid.NewGuid().ToString("N"));

// Ctrl-C or a kill (SIGTERM) ends the run early but still through the finally blocks below, so the gateway, signal
// service, trader and redis-server it started are stopped; the runtime's default would exit at once and leave them.
using var stopping = new CancellationTokenSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
Directory.CreateDirectory(home);
try
{
    Console.WriteLine($"Preparing the demo agent in {home}");
    var (config, _, _) = await DemoAgent.PrepareAsync(
        home, 1, new FeatureRegistry(), (name, outcome, elapsed) => Console.WriteLine(FormattableString.Invariant($"  [{elapsed.TotalSeconds,5:0.0} s] {name}: {outcome}")),
        trainingSteps: quick ? 50_000 : DemoAgent.TrainingSteps);

    var (inProcess, inSignals, ticks) = crossOnly ? (new OrderLatencies(), [], 0) : await InProcessRun.MeasureAsync(home, config, repeats: quick ? 2 : 4);
    if (stopping.IsCancellationRequested)
    {
        Console.WriteLine("Stopped before the services were started.");
        return;
    }

    int warmupOrders = quick ? 10 : 30;
    var (crossProcess, crossSignals, speed, scrapes) = await CrossProcessRun.MeasureAsync(
        home, warmupOrders, wantedOrders, speed: marketSpeed, patience: TimeSpan.FromMinutes(quick ? 10 : 20), stopping.Token);
    if (stopping.IsCancellationRequested)
    {
        Console.WriteLine("Stopped before enough orders were timed; the services are stopped, nothing is reported.");
        return;
    }

    Console.WriteLine();
    Console.WriteLine($"Live path, tick arrival -> order received by the simulated broker ({Environment.ProcessorCount} cores)");
    Console.WriteLine($"{"path",-44} {"count",7} {"p50 us",9} {"p90 us",9} {"p99 us",9} {"max us",9}");
    Print($"in one process ({ticks:N0} ticks per replay)", inProcess);
    Print($"separate processes, Redis, market at {speed}x", crossProcess);
    Console.WriteLine($"(separate processes: after {warmupOrders} warm-up orders)");
    Console.WriteLine();
    Console.WriteLine("Tick arrival -> signal on the bus (the signal service's part)");
    Print("in one process", Of(inSignals));
    Print("signal service process, Redis", Of(crossSignals));
    Console.WriteLine();
    Console.WriteLine("Separate processes, hop by hop (from each service's releat_live_hop_seconds; tick to fill)");
    HopBreakdown.Print(scrapes.Select(s => s.Scrape));
    Console.WriteLine();
    Console.WriteLine("Separate processes, garbage collections over the whole run");
    RuntimeBreakdown.Print(scrapes);
}
finally
{
    Directory.Delete(home, recursive: true);
}

// The first signal stops the run cleanly; a second one, for someone who will not wait, exits at once as usual.
void Stop(PosixSignalContext context)
{
    if (stopping.IsCancellationRequested)
    {
        return;
    }

    context.Cancel = true;
    stopping.Cancel();
}

static void Print(string name, OrderLatencies latencies) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-44} {latencies.Count,7} {latencies.Quantile(0.5),9:F0} {latencies.Quantile(0.9),9:F0} {latencies.Quantile(0.99),9:F0} {latencies.Max,9:F0}"));

static OrderLatencies Of(IEnumerable<double> micros)
{
    var latencies = new OrderLatencies();
    foreach (double m in micros)
    {
        latencies.AddMicroseconds(m);
    }

    return latencies;
}
