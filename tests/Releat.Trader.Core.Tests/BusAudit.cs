using Releat.SignalBus;
using Releat.SignalBus.Redis;

namespace Releat.Trader.Core.Tests;

/// <summary>
/// Every signal that reached the bus, seen through a consumer group of its own (read from the stream's start, each
/// entry acknowledged, a redelivered entry counted once by its id): what the signal service published, and how often
/// each decision was.
/// </summary>
internal sealed class BusAudit(string redisAddress, string agent) : IAsyncDisposable
{
    private readonly RedisSignalBus _bus = new(new RedisSignalBusOptions { Address = redisAddress });
    private readonly Dictionary<string, long> _entries = new(StringComparer.Ordinal);
    private ISignalConsumer? _consumer;
    private string _lastProblem = "none";

    /// <summary>Decision times of the entries on the bus, one per entry (a decision published twice appears twice).</summary>
    public IReadOnlyList<long> Decisions => [.. _entries.Values.Order()];

    /// <summary>Reads what is new on the bus: how many new entries, or −1 when Redis could not be read (killed).</summary>
    public async Task<int> ReadAsync()
    {
        try
        {
            _consumer ??= _bus.OpenConsumer(new SignalSubscription("chaos-audit", "auditor", [agent]));
            int added = 0;
            foreach (var delivery in await _consumer.ReceiveAsync(TimeSpan.FromMilliseconds(500)).WaitAsync(TimeSpan.FromSeconds(30)))
            {
                if (_entries.TryAdd(delivery.EntryId, ContractTime.ToMilliseconds(delivery.Signal.DecisionTime)))
                {
                    added++;
                }

                await _consumer.AcknowledgeAsync(delivery).WaitAsync(TimeSpan.FromSeconds(30));
            }

            return added;
        }
        catch (Exception e) when (e is SignalBusUnavailableException or StackExchange.Redis.RedisException or TimeoutException)
        {
            _lastProblem = e.GetType().Name + ": " + e.Message;
            await Task.Delay(100);
            return -1;
        }
    }

    /// <summary>Waits until <paramref name="count"/> more signals reached the bus.</summary>
    public async Task WaitForMoreAsync(int count, TimeSpan timeout)
    {
        int target = _entries.Count + count;
        var deadline = DateTime.UtcNow + timeout;
        while (_entries.Count < target)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{_entries.Count} signals on the bus, not {target}, within {timeout}; the last problem reading it: {_lastProblem}");
            }

            await ReadAsync();
        }
    }

    /// <summary>Reads until the bus has nothing new (the signal service stopped).</summary>
    public async Task ReadToEndAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        int quiet = 0;
        while (quiet < 2)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the bus still had new signals after {timeout}");
            }

            quiet = await ReadAsync() switch
            {
                0 => quiet + 1,
                > 0 => 0,
                _ => quiet,
            };
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_consumer is not null)
        {
            await _consumer.DisposeAsync();
        }

        await _bus.DisposeAsync();
    }
}
