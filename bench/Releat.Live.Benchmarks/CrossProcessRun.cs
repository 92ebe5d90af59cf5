using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Releat.Testing;

namespace Releat.Live.Benchmarks;

/// <summary>
/// The live path as deployed, on loopback: the gateway (simulated market on its own clock, sped up), redis-server
/// with a password, the signal service and the trader as separate processes. The gateway times every order from the
/// arrival of the tick its decision closed on (the correlation id names it) and logs the figure; this reads those
/// lines until enough orders came.
/// </summary>
internal static class CrossProcessRun
{
    public static async Task<(OrderLatencies Orders, List<double> SignalMicros, double Speed, (string Service, string Scrape)[] Scrapes)> MeasureAsync(
        string home, int warmupOrders, int wantedOrders, double speed, TimeSpan patience, CancellationToken stopping)
    {
        string password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using var redis = RedisServerProcess.Start("--requirepass", password, "--appendonly", "yes", "--appendfsync", "everysec");
        var bus = new Dictionary<string, string>
        {
            ["SignalBus__Mode"] = "Redis",
            ["SignalBus__Redis__Address"] = redis.Address,
            ["SignalBus__Redis__Password"] = password,
            ["RELEAT_HOME"] = home,
            ["RELEAT_AGENTS"] = Path.Combine(home, "agents"),
        };
        await using var gateway = await ServiceProcess.StartAsync("mt5-gateway", "Releat.Mt5Gateway", new Dictionary<string, string>(bus)
        {
            ["Gateway__DataRoot"] = Path.Combine(home, "gateway"),
            ["Gateway__RecordTicks"] = "false",
            ["Gateway__Simulated__Source"] = "Synthetic",
            ["Gateway__Simulated__Start"] = "2024-01-29T06:40:00Z",
            ["Gateway__Simulated__Speed"] = speed.ToString(CultureInfo.InvariantCulture),
            ["Gateway__Simulated__Seed"] = "2",
            ["Gateway__Simulated__MomentumStrength"] = "0.05",
        });
        string gatewayAddress = gateway.GrpcAddress.ToString().TrimEnd('/');
        await using var trader = await ServiceProcess.StartAsync("trader", "Releat.Trader", new Dictionary<string, string>(bus)
        {
            ["Trader__Agents__0"] = DemoAgent.Id,
            ["Trader__ConsumerName"] = "bench",
            ["Trader__JournalPath"] = Path.Combine(home, "trader", "journal.jsonl"),
            ["Trader__Gateway__Address"] = gatewayAddress,
        });
        await using var signal = await ServiceProcess.StartAsync("signal", "Releat.Signal", new Dictionary<string, string>(bus)
        {
            ["Signal__Agents__0"] = DemoAgent.Id,
            ["Signal__Gateway__Address"] = gatewayAddress,
        });

        // Progress from the gateway's own counter: cheap to read, so watching does not steal the services' CPU (parsing
        // the logs every few seconds did, and showed up in the tail). The logs are parsed once, at the end.
        var deadline = DateTime.UtcNow + patience;
        using var http = new HttpClient();
        var metrics = new Uri(gateway.HttpAddress, "/metrics");
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stopping);
            }
            catch (OperationCanceledException)
            {
                break; // stopped by the user: the processes are disposed on the way out
            }

            long timed = TimedOrders(await http.GetStringAsync(metrics, CancellationToken.None)); // quick; the delay above is what a stop cuts short
            Console.Error.WriteLine($"  {timed} orders timed so far");
            if (timed >= warmupOrders + wantedOrders)
            {
                break;
            }
        }

        // Stopped: nothing to report, and in a terminal Ctrl-C reached the services too (one process group), so
        // their /metrics may be gone already.
        if (stopping.IsCancellationRequested)
        {
            return (new OrderLatencies(), [], speed, []);
        }

        // The first orders run on freshly jitted code (tiering, first-call paths): a service that has been up for a
        // while does not, so they are left out; signals likewise, the same share of them.
        var allOrders = Read(gateway.Output, "TickToOrderUs");
        var orders = new OrderLatencies();
        foreach (double micros in allOrders.Microseconds.Skip(warmupOrders))
        {
            orders.AddMicroseconds(micros);
        }

        var signals = Read(signal.Output, "LatencyUs").Microseconds;
        int warmupSignals = allOrders.Count == 0 ? 0 : (int)((long)signals.Count * warmupOrders / allOrders.Count);

        // Each service's hop histograms (the hops that end with it), for the breakdown.
        (string Name, ServiceProcess Process)[] services = [("mt5-gateway", gateway), ("signal", signal), ("trader", trader)];
        var scrapes = await Task.WhenAll(services.Select(async s => (s.Name, await http.GetStringAsync(new Uri(s.Process.HttpAddress, "/metrics")))));
        return (orders, [.. signals.Skip(warmupSignals)], speed, scrapes);
    }

    // OpenTelemetry's exporter writes a series without labels as "name{} 3"; MetricsText reads both spellings (the
    // bench parsed only "name 3", so it saw no orders at all once /metrics moved to that exporter).
    private static long TimedOrders(string metrics) =>
        (long)(MetricsText.Value(metrics, "releat_gateway_tick_to_order_seconds_count") ?? 0);

    /// <summary>A numeric field of the JSON log lines that carry it (values below 0: not timed).</summary>
    private static OrderLatencies Read(string output, string field)
    {
        var found = new OrderLatencies();
        foreach (string line in output.Split('\n'))
        {
            if (!line.Contains(field, StringComparison.Ordinal) || !line.StartsWith('{'))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("State", out var state) && state.TryGetProperty(field, out var value)
                && value.TryGetDouble(out double micros) && micros >= 0)
            {
                found.AddMicroseconds(micros);
            }
        }

        return found;
    }
}
