using Grpc.Core;
using Releat.Contracts.Channels;
using Releat.MarketData.Time;
using Releat.SignalBus;
using Releat.SignalBus.Redis;
using Releat.Testing;
using Releat.Training.Runs;
using V1 = Releat.Contracts.V1;

namespace Releat.Signal.Tests;

/// <summary>
/// The path as deployed: a checkpoint of s00001 trained here (a short PPO run on synthetic ticks), redis-server, the
/// mt5-gateway process on its simulated market at 20× speed, and the signal service process deciding on the gateway's
/// ticks and publishing to Redis; training again mid-run swaps the new checkpoint in, and a restarted service catches
/// up from the gateway's tick history.
/// </summary>
public sealed class SignalServiceProcessTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "releat-signal-process", Guid.NewGuid().ToString("N"));

    private string Home => Path.Combine(_root, "home");

    [Fact]
    public async Task Signals_of_a_trained_checkpoint_reach_redis_in_decision_order_and_a_new_checkpoint_is_swapped_in()
    {
        SyntheticTickSeries.WriteToStore(Home, 7, UtcTime.FromParts(2020, 1, 5, 22, 0, 0, 0), UtcTime.FromParts(2020, 1, 6, 3, 1, 0, 0));
        await TrainAsync(steps: 64);
        using var redis = RedisServerProcess.Start();
        await using ServiceProcess gateway = await StartGatewayAsync();
        Dictionary<string, string> settings = SignalSettings(gateway, redis);
        // 64 steps of PPO beat nothing: the plumbing is tested with the operator's override (the gate: below).
        settings["Signal__AllowUndeployableCheckpoint"] = "true";
        await using var signal = await ServiceProcess.StartAsync("signal", "Releat.Signal", settings);
        await using var bus = new RedisSignalBus(new RedisSignalBusOptions { Address = redis.Address });
        await using ISignalConsumer consumer = bus.OpenConsumer(new SignalSubscription("test", "reader", [SmallMarket.AgentId]));

        List<V1.Signal> first = await ReceiveAsync(consumer, 40, signal);
        Assert.All(first, s => Assert.Equal("main/step-000000000064", s.CheckpointId));
        AssertInDecisionOrder(first);
        V1.Signal sample = first[^1];
        Assert.Equal("EURUSD", sample.Symbol);
        Assert.Equal(9, sample.Decision.Probabilities.Count);
        Assert.StartsWith("EURUSD@", sample.CorrelationId, StringComparison.Ordinal);
        Assert.True(sample.LatencyUs > 0);
        Assert.Equal(0, sample.PositionVolume);

        using var channel = ReleatChannel.ForAddress(signal.GrpcAddress);
        var client = new V1.Signals.SignalsClient(channel);
        V1.Signal latest = await client.GetLatestSignalAsync(new V1.GetLatestSignalRequest { AgentId = SmallMarket.AgentId });
        Assert.True(SignallerTests.Millis(latest.DecisionTime) >= SignallerTests.Millis(sample.DecisionTime));
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await client.GetLatestSignalAsync(new V1.GetLatestSignalRequest { AgentId = "t00001" }));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);

        // Training continues: the run's new latest checkpoint decides from a decision soon after it is written.
        await TrainAsync(steps: 128);
        List<V1.Signal> after = await ReceiveAsync(consumer, 2000, signal, until: s => s.CheckpointId == "main/step-000000000128");
        AssertInDecisionOrder([.. first, .. after]);
        Assert.Equal("main/step-000000000128", after[^1].CheckpointId);

        string metrics = await Promtool.ScrapeValidAsync(signal.HttpAddress);
        Assert.Contains("releat_signal_published_total{agent=\"s00001\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("releat_signal_checkpoint_swaps_total{agent=\"s00001\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("releat_signal_decision_latency_seconds_bucket{agent=\"s00001\"", metrics, StringComparison.Ordinal);
        Assert.Contains("releat_signal_checkpoint{agent=\"s00001\",checkpoint=\"main/step-000000000128\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("releat_signal_checkpoint{agent=\"s00001\",checkpoint=\"main/step-000000000064\"} 0", metrics, StringComparison.Ordinal);

        Assert.Equal(0, await signal.StopAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains($"\"CorrelationId\":\"{sample.CorrelationId}\"", signal.Output, StringComparison.Ordinal);
        Assert.Contains("swapped from main/step-000000000064 to main/step-000000000128", signal.Output, StringComparison.Ordinal);
        Assert.Contains("Signal:AllowUndeployableCheckpoint is set", signal.Output, StringComparison.Ordinal);

        // Started again, it catches up from the gateway's recorded ticks and carries on where the market is. The
        // gateway records to disk at most once a second (durably): on a busy machine that lags, so the test first
        // waits until ticks after the stopped service's last decision are on record, the precondition of a catch-up.
        long lastDecidedTickMs = long.Parse(after[^1].CorrelationId.AsSpan(after[^1].CorrelationId.IndexOf('@') + 1), System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.WaitUntilAsync(
            () => GatewayRecordedAfterAsync(gateway, lastDecidedTickMs), "the gateway recording ticks after the stopped service's last decision");
        await using var restarted = await ServiceProcess.StartAsync("signal", "Releat.Signal", settings);
        // The first signals read now may still be the stopped service's last ones (published before it stopped, not
        // yet read here), so the catch-up is watched on the restarted service itself, then its own publishing.
        using var http = new HttpClient();
        var restartedMetrics = new Uri(restarted.HttpAddress, "/metrics");
        await Eventually.WaitUntilAsync(
            async () => MetricsText.Value(await http.GetStringAsync(restartedMetrics), "releat_signal_catch_up_ticks_total{agent=\"s00001\"}") > 0,
            "the restarted service feeding recorded ticks before the live ones", TimeSpan.FromSeconds(90));
        await Eventually.WaitUntilAsync(
            async () => MetricsText.Value(await http.GetStringAsync(restartedMetrics), "releat_signal_published_total{agent=\"s00001\"}") > 0,
            "the restarted service publishing", TimeSpan.FromSeconds(90));
        List<V1.Signal> resumed = await ReceiveAsync(consumer, 20, restarted);
        AssertInDecisionOrder([.. first, .. after, .. resumed]);
        Assert.All(resumed, s => Assert.Equal("main/step-000000000128", s.CheckpointId));
        Assert.Matches(@"releat_signal_catch_up_ticks_total\{agent=""s00001""\} [1-9]", await Promtool.ScrapeValidAsync(restarted.HttpAddress));
        Assert.Contains("caught up on", restarted.Output, StringComparison.Ordinal);
        Assert.Equal(0, await restarted.StopAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_checkpoint_that_did_not_beat_flat_on_validation_is_not_traded_the_service_stays_flat_and_says_why()
    {
        SyntheticTickSeries.WriteToStore(Home, 7, UtcTime.FromParts(2020, 1, 5, 22, 0, 0, 0), UtcTime.FromParts(2020, 1, 6, 3, 1, 0, 0));
        TrainingResult trained = await new TrainingRun(new TrainingRunOptions
        {
            AgentId = SmallMarket.AgentId,
            ConfigPath = SmallMarket.ConfigPath,
            Home = Home,
            TotalTimesteps = 64,
        }).RunAsync();
        Assert.False(trained.Deployment!.Deployable);
        Assert.Null(trained.BestCheckpoint);

        using var redis = RedisServerProcess.Start();
        await using ServiceProcess gateway = await StartGatewayAsync();
        await using var signal = await ServiceProcess.StartAsync("signal", "Releat.Signal", SignalSettings(gateway, redis));

        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (!signal.Output.Contains("stays flat", StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no word on staying flat in 45 s:\n{signal.Output}");
            await Task.Delay(50);
        }

        // The reason as logged (JSON lines escape '&' and '+'): what was measured and why it is not enough.
        Assert.Contains("validation t 0.00 over 1 daily P", signal.Output, StringComparison.Ordinal);
        Assert.Contains("fewer than the 20 daily periods the deploy rule needs to judge", signal.Output, StringComparison.Ordinal);
        Assert.Contains("releat_signal_deployable{agent=\"s00001\"} 0", await Promtool.ScrapeValidAsync(signal.HttpAddress), StringComparison.Ordinal);
        await using var bus = new RedisSignalBus(new RedisSignalBusOptions { Address = redis.Address });
        await using ISignalConsumer consumer = bus.OpenConsumer(new SignalSubscription("test", "reader", [SmallMarket.AgentId]));
        Assert.Empty(await consumer.ReceiveAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(0, await signal.StopAsync(TimeSpan.FromSeconds(30)));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }

    private Task<ServiceProcess> StartGatewayAsync() => ServiceProcess.StartAsync("mt5-gateway", "Releat.Mt5Gateway", new Dictionary<string, string>
    {
        ["Gateway__DataRoot"] = Path.Combine(_root, "gateway"),
        ["Gateway__Simulated__Speed"] = "20",
    });

    private static async Task<bool> GatewayRecordedAfterAsync(ServiceProcess gateway, long afterMs)
    {
        using var channel = ReleatChannel.ForAddress(gateway.GrpcAddress);
        var client = new V1.MarketData.MarketDataClient(channel);
        using var call = client.GetTicks(new V1.GetTicksRequest
        {
            Symbol = "EURUSD",
            From = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(afterMs + 1)),
        });
        return await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout();
    }

    private Dictionary<string, string> SignalSettings(ServiceProcess gateway, RedisServerProcess redis) => new()
    {
        ["RELEAT_HOME"] = Home,
        ["Signal__Agents__0"] = SmallMarket.AgentId,
        ["Signal__AgentsRoot"] = SmallMarket.AgentsRoot,
        ["Signal__CheckpointPollInterval"] = "00:00:00.200",
        ["Signal__Gateway__Address"] = gateway.GrpcAddress.ToString(),
        ["SignalBus__Redis__Address"] = redis.Address,
    };

    private Task<TrainingResult> TrainAsync(long steps) => new TrainingRun(new TrainingRunOptions
    {
        AgentId = SmallMarket.AgentId,
        ConfigPath = SmallMarket.ConfigPath,
        Home = Home,
        TotalTimesteps = steps,
        SelectOnValidation = false,
    }).RunAsync();

    /// <summary>Signals from the bus, acknowledged, until <paramref name="count"/> or the one <paramref name="until"/> accepts.</summary>
    private static async Task<List<V1.Signal>> ReceiveAsync(ISignalConsumer consumer, int count, ServiceProcess signal, Func<V1.Signal, bool>? until = null)
    {
        var received = new List<V1.Signal>();
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (received.Count < count && (until is null || received.Count == 0 || !until(received[^1])))
        {
            Assert.True(DateTime.UtcNow < deadline, $"{received.Count} signals in 45 s:\n{signal.Output}");
            foreach (SignalDelivery delivery in await consumer.ReceiveAsync(TimeSpan.FromSeconds(1)))
            {
                received.Add(delivery.Signal);
                await consumer.AcknowledgeAsync(delivery);
            }
        }

        return received;
    }

    private static void AssertInDecisionOrder(List<V1.Signal> signals)
    {
        for (int i = 1; i < signals.Count; i++)
        {
            Assert.True(
                SignallerTests.Millis(signals[i].DecisionTime) > SignallerTests.Millis(signals[i - 1].DecisionTime),
                $"signal {i} at {signals[i].DecisionTime} after {signals[i - 1].DecisionTime}");
        }
    }
}
