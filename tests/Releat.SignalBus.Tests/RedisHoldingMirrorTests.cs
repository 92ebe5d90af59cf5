using Releat.Contracts.V1;
using Releat.SignalBus.Redis;
using Releat.Testing;
using StackExchange.Redis;

namespace Releat.SignalBus.Tests;

/// <summary>
/// The trader posts holdings through one bus, the signal service reads them through another, as the two processes do.
/// Once an agent is mirrored, reads are answered locally (no GET reaches Redis) and posts still arrive; a Redis
/// restart never leaves a stale holding served as current.
/// </summary>
public sealed class RedisHoldingMirrorTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Posts_reach_the_reader_and_mirrored_reads_cost_no_round_trip()
    {
        // A server of its own: the GET count must not see other tests' reads.
        using var server = RedisServerProcess.Start();
        var options = new RedisSignalBusOptions { Address = server.Address };
        await using var trader = new RedisSignalBus(options);
        await using var signal = new RedisSignalBus(options);

        Assert.Null(await signal.ReadHoldingAsync("a1"));
        await trader.PostHoldingAsync(Holding("a1", units: 1));
        Assert.Equal(1, (await EventuallyAsync(signal, "a1", h => h?.Units == 1))!.Units);

        // One admin connection for both counts: the client sends a GET of its own when it connects (the tie-breaker).
        using var admin = await PatientRedis.ConnectAsync(server.Address, allowAdmin: true);
        long getsBefore = await GetCallsAsync(admin);
        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(1, (await signal.ReadHoldingAsync("a1"))!.Units);
        }

        Assert.Equal(getsBefore, await GetCallsAsync(admin));
        await trader.PostHoldingAsync(Holding("a1", units: -2));
        Assert.Equal(-2, (await EventuallyAsync(signal, "a1", h => h?.Units == -2))!.Units);
        Assert.Equal(-2, (await trader.ReadHoldingAsync("a1"))!.Units);
    }

    [Fact]
    public async Task After_a_redis_restart_the_reader_serves_the_post_made_while_it_was_away()
    {
        using var server = RedisServerProcess.Start();
        var options = new RedisSignalBusOptions { Address = server.Address };
        await using var trader = new RedisSignalBus(options);
        await using var signal = new RedisSignalBus(options);
        await trader.PostHoldingAsync(Holding("a1", units: 1));
        await EventuallyAsync(signal, "a1", h => h?.Units == 1);

        server.Restart(TimeSpan.FromMilliseconds(300));
        await RetryAsync(() => trader.PostHoldingAsync(Holding("a1", units: 3)));

        Assert.Equal(3, (await EventuallyAsync(signal, "a1", h => h?.Units == 3))!.Units);
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(3, (await signal.ReadHoldingAsync("a1"))!.Units);
        }
    }

    [Fact]
    public async Task A_holding_key_that_is_not_a_holding_is_reported_with_its_key()
    {
        var options = redis.Options();
        await using var signal = new RedisSignalBus(options);
        using (var raw = await PatientRedis.ConnectAsync(redis.Server.Address))
        {
            await raw.GetDatabase().StringSetAsync(options.KeyPrefix + ":agent:a9:holding", new byte[] { 0xFF, 0xFF, 0xFF });
        }

        var error = await Assert.ThrowsAsync<SignalFormatException>(() => signal.ReadHoldingAsync("a9"));
        Assert.Contains(options.KeyPrefix + ":agent:a9:holding", error.Message, StringComparison.Ordinal);
    }

    private static TraderHolding Holding(string agent, int units) =>
        new() { AgentId = agent, Symbol = "EURUSD", Units = units, Lots = units * 0.01 };

    private static async Task<TraderHolding?> EventuallyAsync(RedisSignalBus bus, string agent, Func<TraderHolding?, bool> wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        TraderHolding? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await bus.ReadHoldingAsync(agent);
                if (wanted(last))
                {
                    return last;
                }
            }
            catch (SignalBusUnavailableException)
            {
                // Redis is still coming back.
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"holding of {agent} never became what was posted; last read: {last}");
    }

    private static async Task RetryAsync(Func<Task> action)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                await action();
                return;
            }
            catch (SignalBusUnavailableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    private static async Task<long> GetCallsAsync(ConnectionMultiplexer raw)
    {
        var info = (string)(await raw.GetDatabase().ExecuteAsync("INFO", "commandstats"))!;
        foreach (var line in info.Split('\n'))
        {
            if (line.StartsWith("cmdstat_get:calls=", StringComparison.Ordinal))
            {
                return long.Parse(line["cmdstat_get:calls=".Length..line.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
