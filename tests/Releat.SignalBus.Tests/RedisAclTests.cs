using Releat.SignalBus.Redis;
using Releat.Testing;
using StackExchange.Redis;

namespace Releat.SignalBus.Tests;

/// <summary>
/// Each service on its own ACL user (<see cref="RedisAclRules"/>), against a real redis-server loading them from an
/// ACL file as compose, Kubernetes and `releat start` do: the live path works, and a service user reaches neither
/// another agent's keys nor administration.
/// </summary>
public sealed class RedisAclTests : IDisposable
{
    private const string Prefix = "releat";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly RedisServerProcess _server = RedisServerProcess.StartWithAcl(
    [
        RedisAclRules.DefaultOff,
        RedisAclRules.UserLine("signal", "signal-pw", RedisAclRules.SignalService(Prefix, ["a1"])),
        RedisAclRules.UserLine("trader", "trader-pw", RedisAclRules.Trader(Prefix, ["a1"])),
        RedisAclRules.UserLine("feature-builder", "features-pw", RedisAclRules.FeatureBuilder(Prefix)),
        RedisAclRules.UserLine("operator", "operator-pw", RedisAclRules.Operator),
    ]);

    [Fact]
    public async Task Live_path_works_with_the_signal_and_trader_users_across_a_redis_restart()
    {
        await using var signal = new RedisSignalBus(Options("signal", "signal-pw"));
        await using var trader = new RedisSignalBus(Options("trader", "trader-pw"));
        var consumer = trader.OpenConsumer(Subscription("t1"));

        Assert.Null(await signal.ReadHoldingAsync("a1"));
        await signal.PublishAsync(TestSignals.For("a1", 1));
        await signal.PublishAsync(TestSignals.For("a1", 2));
        var first = await ReceiveAsync(consumer, 2);
        Assert.Equal([1, 2], first.Select(d => TestSignals.Number(d.Signal)));
        await consumer.AcknowledgeAsync(first[0]);

        await trader.PostHoldingAsync(new Contracts.V1.TraderHolding { AgentId = "a1", Units = 5 });
        await EventuallyAsync(async () => (await signal.ReadHoldingAsync("a1"))?.Units == 5);

        // Restart: the unacknowledged signal 2 comes back from the consumer's history, then the new one; 1 never does.
        // The restart replays the append-only file: with the default user off, its transactions must still load.
        _server.Restart();
        await EventuallyAsync(async () =>
        {
            await signal.PublishAsync(TestSignals.For("a1", 3));
            return true;
        });
        var after = await ReceiveAsync(consumer, 2);
        Assert.Equal(2, TestSignals.Number(after[0].Signal));
        Assert.True(after[0].Redelivered);
        Assert.DoesNotContain(after, d => TestSignals.Number(d.Signal) == 1);
        Assert.Equal(3, TestSignals.Number((await signal.ReadLatestAsync("a1"))!));

        // A successor claims what a dead consumer left (XPENDING, XCLAIM) once it is idle.
        await consumer.DisposeAsync();
        await using var successor = trader.OpenConsumer(Subscription("t2"));
        var claimed = await ReceiveAsync(successor, 2);
        Assert.Equal([2, 3], claimed.Select(d => TestSignals.Number(d.Signal)).Order());
        Assert.All(claimed, d => Assert.True(d.Redelivered));
    }

    [Fact]
    public async Task A_service_user_reaches_neither_another_agents_keys_nor_administration()
    {
        using (var operatorConnection = await ConnectAsync("operator", "operator-pw"))
        {
            var admin = operatorConnection.GetDatabase();
            await admin.StreamAddAsync("releat:agent:a2:signals", "s", "other agent's signal");
            await admin.StringSetAsync("releat:agent:a2:latest", "other agent's latest");
        }

        foreach (var (user, password) in new[] { ("signal", "signal-pw"), ("trader", "trader-pw"), ("feature-builder", "features-pw") })
        {
            using var connection = await ConnectAsync(user, password);
            var database = connection.GetDatabase();
            await AssertRefusedAsync(user, database.ExecuteAsync("XRANGE", "releat:agent:a2:signals", "-", "+"));
            await AssertRefusedAsync(user, database.ExecuteAsync("GET", "releat:agent:a2:latest"));
            await AssertRefusedAsync(user, database.ExecuteAsync("CONFIG", "GET", "*"));
            await AssertRefusedAsync(user, database.ExecuteAsync("FLUSHALL"));
            await AssertRefusedAsync(user, database.ExecuteAsync("KEYS", "*"));
            await AssertRefusedAsync(user, database.ExecuteAsync("ACL", "LIST"));
        }

        // Within its own agent each side keeps to its part: the trader cannot forge signals, the signal service
        // cannot take them from the trader's group nor overwrite what the trader holds.
        using (var traderConnection = await ConnectAsync("trader", "trader-pw"))
        {
            await AssertRefusedAsync("trader", traderConnection.GetDatabase().ExecuteAsync("XADD", "releat:agent:a1:signals", "*", "s", "forged"));
        }

        using (var signalConnection = await ConnectAsync("signal", "signal-pw"))
        {
            var database = signalConnection.GetDatabase();
            await AssertRefusedAsync("signal", database.ExecuteAsync("XREADGROUP", "GROUP", "trader", "x", "STREAMS", "releat:agent:a1:signals", ">"));
            await AssertRefusedAsync("signal", database.ExecuteAsync("SET", "releat:agent:a1:holding", "x"));
        }

        // And through the bus: publishing for an agent the service does not run is refused by Redis.
        await using var bus = new RedisSignalBus(Options("signal", "signal-pw"));
        await Assert.ThrowsAnyAsync<RedisException>(() => bus.PublishAsync(TestSignals.For("a2", 1)));
    }

    [Fact]
    public async Task The_default_user_is_off_and_a_wrong_password_does_not_log_in()
    {
        await using var anonymous = new RedisSignalBus(new RedisSignalBusOptions { Address = _server.Address, ConnectTimeout = TimeSpan.FromSeconds(1) });
        await Assert.ThrowsAnyAsync<Exception>(() => anonymous.PublishAsync(TestSignals.For("a1", 1)));
        await using var wrong = new RedisSignalBus(Options("signal", "not-the-password"));
        await Assert.ThrowsAsync<SignalBusUnavailableException>(() => wrong.PublishAsync(TestSignals.For("a1", 1)));
    }

    [Fact]
    public void A_glob_in_an_agent_id_is_refused_rather_than_granting_other_agents()
    {
        var error = Assert.Throws<ArgumentException>(() => RedisAclRules.SignalService(Prefix, ["a*"]));
        Assert.Contains("agent id 'a*'", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _server.Dispose();

    private static SignalSubscription Subscription(string consumer) =>
        new("trader", consumer, ["a1"]) { ClaimIdleAfter = TimeSpan.FromMilliseconds(300) };

    private RedisSignalBusOptions Options(string user, string password) => new()
    {
        Address = _server.Address,
        User = user,
        Password = password,
        KeyPrefix = Prefix,
        MaxBlock = TimeSpan.FromMilliseconds(300),
        ConnectTimeout = TimeSpan.FromSeconds(2),
    };

    private async Task<ConnectionMultiplexer> ConnectAsync(string user, string password)
    {
        var configuration = ConfigurationOptions.Parse(_server.Address);
        configuration.User = user;
        configuration.Password = password;
        RedisConnections.LeastRights(configuration);
        configuration.CommandMap = CommandMap.Default;
        configuration.AllowAdmin = true;
        return await ConnectionMultiplexer.ConnectAsync(configuration).WaitAsync(Patience);
    }

    private static async Task AssertRefusedAsync(string user, Task<RedisResult> command)
    {
        var error = await Assert.ThrowsAsync<RedisServerException>(() => command.WaitAsync(Patience));
        Assert.True(error.Message.StartsWith("NOPERM", StringComparison.Ordinal), $"{user}: expected NOPERM, got {error.Message}");
    }

    private static async Task<List<SignalDelivery>> ReceiveAsync(ISignalConsumer consumer, int count)
    {
        var received = new List<SignalDelivery>();
        var deadline = DateTime.UtcNow + Patience;
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            try
            {
                received.AddRange(await consumer.ReceiveAsync(TimeSpan.FromMilliseconds(200)).WaitAsync(Patience));
            }
            catch (SignalBusUnavailableException)
            {
                await Task.Delay(50);
            }
        }

        Assert.True(received.Count >= count, $"received {received.Count} of {count} signals within {Patience.TotalSeconds} s");
        return received;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition().WaitAsync(Patience))
                {
                    return;
                }
            }
            catch (SignalBusUnavailableException)
            {
                // Redis still coming back.
            }

            await Task.Delay(50);
        }

        Assert.Fail($"condition not met within {Patience.TotalSeconds} s");
    }
}
