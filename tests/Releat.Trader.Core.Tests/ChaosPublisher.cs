using Grpc.Core;
using Releat.Contracts.Channels;
using Releat.SignalBus.Redis;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Tests;

/// <summary>
/// The signal service's part in the chaos test: a signal every quarter second, stamped with the gateway's market
/// time, with a seeded random action, assuming the position the trader last reported. A publish that fails (Redis
/// down: SignalBusUnavailableException) is tried again until Redis takes it, as a decision once made is published; the decision times published
/// are kept.
/// </summary>
internal sealed class ChaosPublisher(string redisAddress, Uri gateway, Uri trader, int seed)
{
    private static readonly TimeSpan PublishPatience = TimeSpan.FromMinutes(3);

    private readonly List<long> _published = [];
    private long _lastMarketMs;
    private volatile string _lastFailure = "none";
    private Task _run = Task.CompletedTask;

    public long LastMarketMs => Interlocked.Read(ref _lastMarketMs);

    public IReadOnlyList<long> Published
    {
        get
        {
            lock (_published)
            {
                return [.. _published];
            }
        }
    }

    public Task RunAsync(CancellationToken stop) => _run = PublishUntilStoppedAsync(stop);

    private async Task PublishUntilStoppedAsync(CancellationToken stop)
    {
        await using var bus = new RedisSignalBus(new RedisSignalBusOptions { Address = redisAddress });
        using var gatewayChannel = ReleatChannel.ForAddress(gateway);
        using var traderChannel = ReleatChannel.ForAddress(trader);
        var trading = new V1.Trading.TradingClient(gatewayChannel);
        var control = new V1.TraderControl.TraderControlClient(traderChannel);
        var random = new Random(seed);
        double assumed = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var account = await trading.GetAccountAsync(new V1.GetAccountRequest(), deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: stop);
                long now = ContractTime.ToMilliseconds(account.Time);
                if (now > LastMarketMs)
                {
                    assumed = await AssumedLotsAsync(control, assumed, stop);
                    await PublishAsync(bus, new V1.Signal
                    {
                        AgentId = LivePathProcesses.Agent,
                        Symbol = "EURUSD",
                        DecisionTime = ContractTime.ToTimestamp(now),
                        Decision = new V1.PolicyDecision { Action = random.Next(5) },
                        PositionVolume = assumed,
                    });
                    Interlocked.Exchange(ref _lastMarketMs, now);
                    lock (_published)
                    {
                        _published.Add(now);
                    }
                }
            }
            catch (RpcException e) when (!stop.IsCancellationRequested)
            {
                // The gateway is down: its market time is what stamps a decision, so wait for it.
                _lastFailure = e.Status.StatusCode + " " + e.Status.Detail;
            }

            try
            {
                await Task.Delay(250, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> more signals went out.</summary>
    public async Task WaitForMoreAsync(int count, TimeSpan timeout)
    {
        int target = Published.Count + count;
        var deadline = DateTime.UtcNow + timeout;
        while (Published.Count < target)
        {
            if (_run.IsCompleted)
            {
                throw new InvalidOperationException($"the publisher stopped after {Published.Count} signals", _run.Exception);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the publisher published {Published.Count} signals, not {target}, within {timeout}; its last failure: {_lastFailure}");
            }

            await Task.Delay(20);
        }
    }

    private static async Task<double> AssumedLotsAsync(V1.TraderControl.TraderControlClient control, double previous, CancellationToken stop)
    {
        try
        {
            var status = await control.GetStatusAsync(new V1.GetTraderStatusRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: stop);
            return status.Agents.Sum(a => a.PositionVolume);
        }
        catch (RpcException)
        {
            return previous;
        }
    }

    private async Task PublishAsync(RedisSignalBus bus, V1.Signal signal)
    {
        var deadline = DateTime.UtcNow + PublishPatience;
        while (true)
        {
            try
            {
                await bus.PublishAsync(signal).WaitAsync(TimeSpan.FromSeconds(10));
                return;
            }
            catch (Exception e) when (e is SignalBus.SignalBusUnavailableException or StackExchange.Redis.RedisException or TimeoutException && DateTime.UtcNow < deadline)
            {
                _lastFailure = e.GetType().Name + ": " + e.Message;
                await Task.Delay(100);
            }
        }
    }
}
