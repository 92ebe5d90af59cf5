using Releat.SignalBus.Redis;
using Releat.Testing;
using StackExchange.Redis;

namespace Releat.SignalBus.Tests;

public sealed class RedisSignalBusTests(RedisFixture redis) : SignalBusContract, IClassFixture<RedisFixture>
{
    protected override ISignalBus CreateBus(int maxLength = 10_000) => new RedisSignalBus(redis.Options(), maxLength);

    /// <summary>Redis lists a client blocked in a read (XREADGROUP ... BLOCK) with the flag "b" in CLIENT LIST.</summary>
    protected override async Task ConsumerIsWaitingAsync(Task receiving)
    {
        using var admin = await PatientRedis.ConnectAsync(redis.Server.Address, allowAdmin: true);
        IServer server = admin.GetServer(admin.GetEndPoints()[0]);
        await Eventually.WaitUntilAsync(
            async () => receiving.IsCompleted || (await server.ClientListAsync()).Any(c => c.Flags.HasFlag(ClientFlags.Blocked)),
            "a client blocked in a read at redis");
    }

    [Fact]
    public async Task Restart_of_redis_keeps_acknowledged_and_pending_state_and_the_consumer_reconnects()
    {
        using var server = RedisServerProcess.Start();
        var options = new RedisSignalBusOptions { Address = server.Address, MaxBlock = TimeSpan.FromMilliseconds(300) };
        await using var bus = new RedisSignalBus(options);
        await using var consumer = bus.OpenConsumer(Subscription("c1", "a1"));
        for (int n = 1; n <= 3; n++)
        {
            await bus.PublishAsync(TestSignals.For("a1", n));
        }

        var first = await ReceiveAtLeast(consumer, 3);
        await consumer.AcknowledgeAsync(first[0]);
        await consumer.AcknowledgeAsync(first[1]);

        server.Restart();

        var unavailable = 0;
        var received = new List<SignalDelivery>();
        var published = false;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (received.Count < 2 && DateTime.UtcNow < deadline)
        {
            try
            {
                if (!published)
                {
                    await bus.PublishAsync(TestSignals.For("a1", 4));
                    published = true;
                }

                received.AddRange(await consumer.ReceiveAsync(TimeSpan.FromMilliseconds(200)));
            }
            catch (SignalBusUnavailableException)
            {
                unavailable++;
                await Task.Delay(100);
            }
        }

        // Signal 3 was delivered but never acknowledged: it comes back first; 1 and 2 never do.
        Assert.Equal([3, 4], received.Select(d => TestSignals.Number(d.Signal)));
        Assert.True(received[0].Redelivered);
        Assert.Equal(4, TestSignals.Number((await bus.ReadLatestAsync("a1"))!));
    }

    [Fact]
    public async Task Redis_down_is_reported_as_unavailable_not_as_a_crash()
    {
        using var server = RedisServerProcess.Start();
        var options = new RedisSignalBusOptions { Address = server.Address, MaxBlock = TimeSpan.FromMilliseconds(200) };
        await using var bus = new RedisSignalBus(options);
        await using var consumer = bus.OpenConsumer(Subscription("c1", "a1"));
        await bus.PublishAsync(TestSignals.For("a1", 1));
        server.Kill();

        await Assert.ThrowsAsync<SignalBusUnavailableException>(() => bus.PublishAsync(TestSignals.For("a1", 2)));
        await Assert.ThrowsAsync<SignalBusUnavailableException>(() => consumer.ReceiveAsync(TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task Entry_that_is_not_a_signal_is_reported_with_its_key_and_id_then_skipped()
    {
        var options = redis.Options();
        await using var bus = new RedisSignalBus(options);
        await using var consumer = bus.OpenConsumer(Subscription("c1", "a1"));
        Assert.Empty(await consumer.ReceiveAsync(TimeSpan.Zero));
        using (var raw = await PatientRedis.ConnectAsync(redis.Server.Address))
        {
            await raw.GetDatabase().ExecuteAsync("XADD", options.KeyPrefix + ":agent:a1:signals", "*", "other", "x");
        }

        await bus.PublishAsync(TestSignals.For("a1", 2));

        var error = await Assert.ThrowsAsync<SignalFormatException>(() => consumer.ReceiveAsync(TimeSpan.FromSeconds(1)));
        Assert.Contains(options.KeyPrefix + ":agent:a1:signals entry ", error.Message, StringComparison.Ordinal);
        var next = await ReceiveAtLeast(consumer, 1);
        Assert.Equal(2, TestSignals.Number(Assert.Single(next).Signal));
    }

    [Fact]
    public async Task Password_from_settings_logs_in_and_a_wrong_one_is_unavailable()
    {
        using var server = RedisServerProcess.Start("--requirepass", "s3cret");
        await using (var bus = new RedisSignalBus(new RedisSignalBusOptions { Address = server.Address, Password = "s3cret" }))
        {
            await bus.PublishAsync(TestSignals.For("a1", 1));
            Assert.NotNull(await bus.ReadLatestAsync("a1"));
        }

        await using var wrong = new RedisSignalBus(new RedisSignalBusOptions { Address = server.Address, Password = "nope", ConnectTimeout = TimeSpan.FromSeconds(1) });
        await Assert.ThrowsAsync<SignalBusUnavailableException>(() => wrong.PublishAsync(TestSignals.For("a1", 2)));
    }

    [Fact]
    public async Task Password_from_a_secret_file_logs_in_and_a_bad_file_is_named_without_its_content()
    {
        using var server = RedisServerProcess.Start("--requirepass", "f1le-s3cret");
        string folder = Directory.CreateTempSubdirectory("releat-redis-secret-").FullName;
        try
        {
            // As a mounted secret or `echo` leaves it: with a trailing newline.
            string file = Path.Combine(folder, "redis-password");
            await File.WriteAllTextAsync(file, "f1le-s3cret\n");
            await using (var bus = new RedisSignalBus(new RedisSignalBusOptions { Address = server.Address, PasswordFile = file }))
            {
                await bus.PublishAsync(TestSignals.For("a1", 1));
                Assert.NotNull(await bus.ReadLatestAsync("a1"));
            }

            string missing = Path.Combine(folder, "absent");
            var unreadable = Assert.Throws<InvalidOperationException>(() => new RedisSignalBus(new RedisSignalBusOptions { Address = server.Address, PasswordFile = missing }));
            Assert.Contains($"SignalBus:Redis:PasswordFile '{missing}' cannot be read", unreadable.Message, StringComparison.Ordinal);

            var both = Assert.Throws<InvalidOperationException>(() => new RedisSignalBus(new RedisSignalBusOptions { Address = server.Address, Password = "x", PasswordFile = file }));
            Assert.Contains("not both", both.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("f1le-s3cret", both.Message + unreadable.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
