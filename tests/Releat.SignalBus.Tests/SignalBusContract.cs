namespace Releat.SignalBus.Tests;

/// <summary>What every bus must do, run against the in-memory and the Redis bus alike.</summary>
public abstract class SignalBusContract
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    protected abstract ISignalBus CreateBus(int maxLength = 10_000);

    protected static SignalSubscription Subscription(string consumer, params string[] agents) =>
        new("trader", consumer, agents) { ClaimIdleAfter = TimeSpan.FromMilliseconds(300) };

    [Fact]
    public async Task Published_signal_becomes_the_latest_and_reaches_a_consumer()
    {
        await using var bus = CreateBus();
        Assert.Null(await bus.ReadLatestAsync("a1"));
        await using var consumer = bus.OpenConsumer(Subscription("c1", "a1"));

        await bus.PublishAsync(TestSignals.For("a1", 1));
        await bus.PublishAsync(TestSignals.For("a1", 2));

        Assert.Equal(2, TestSignals.Number((await bus.ReadLatestAsync("a1"))!));
        var received = await ReceiveAtLeast(consumer, 2);
        Assert.Equal([1, 2], received.Select(d => TestSignals.Number(d.Signal)));
        Assert.All(received, d => Assert.False(d.Redelivered));
        Assert.All(received, d => Assert.Equal("a1", d.AgentId));
    }

    [Fact]
    public async Task Consumer_waiting_wakes_up_when_a_signal_is_published()
    {
        await using var bus = CreateBus();
        await using var consumer = bus.OpenConsumer(Subscription("c1", "a1"));
        Assert.Empty(await consumer.ReceiveAsync(TimeSpan.FromMilliseconds(50)));

        var receiving = consumer.ReceiveAsync(TimeSpan.FromSeconds(30));
        await ConsumerIsWaitingAsync(receiving);
        Assert.False(receiving.IsCompleted, "the consumer returned before anything was published");
        await bus.PublishAsync(TestSignals.For("a1", 7));

        var received = await receiving.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(7, TestSignals.Number(Assert.Single(received).Signal));
    }

    /// <summary>
    /// Returns once the consumer is really waiting for a publication, not merely about to ask. The in-memory consumer
    /// checks for signals synchronously before it awaits one, so a receive that has not completed is waiting already;
    /// a bus with a server behind it overrides this to ask the server.
    /// </summary>
    protected virtual Task ConsumerIsWaitingAsync(Task receiving) => Task.CompletedTask;

    [Fact]
    public async Task Signals_published_before_the_group_existed_are_not_missed()
    {
        await using var bus = CreateBus();
        await bus.PublishAsync(TestSignals.For("a1", 1));
        await using var consumer = bus.OpenConsumer(Subscription("c1", "a1"));

        Assert.Equal(1, TestSignals.Number(Assert.Single(await ReceiveAtLeast(consumer, 1)).Signal));
    }

    [Fact]
    public async Task Acknowledged_signals_are_never_delivered_again_and_unacknowledged_return_to_the_restarted_consumer()
    {
        await using var bus = CreateBus();
        for (int n = 1; n <= 4; n++)
        {
            await bus.PublishAsync(TestSignals.For("a1", n));
        }

        await using (var first = bus.OpenConsumer(Subscription("c1", "a1")))
        {
            var received = await ReceiveAtLeast(first, 4);
            await first.AcknowledgeAsync(received[0]);
            await first.AcknowledgeAsync(received[2]);
        }

        await bus.PublishAsync(TestSignals.For("a1", 5));
        await using var restarted = bus.OpenConsumer(Subscription("c1", "a1"));
        var again = await restarted.ReceiveAsync(Wait);
        Assert.Equal([2, 4], again.Select(d => TestSignals.Number(d.Signal)));
        Assert.All(again, d => Assert.True(d.Redelivered));
        foreach (var delivery in again)
        {
            await restarted.AcknowledgeAsync(delivery);
        }

        var next = await restarted.ReceiveAsync(Wait);
        Assert.Equal(5, TestSignals.Number(Assert.Single(next).Signal));
        await restarted.AcknowledgeAsync(next[0]);
        Assert.Empty(await restarted.ReceiveAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Successor_takes_over_what_a_dead_consumer_left_pending_once_it_is_idle()
    {
        await using var bus = CreateBus();
        await bus.PublishAsync(TestSignals.For("a1", 1));
        await bus.PublishAsync(TestSignals.For("a1", 2));
        await using (var dead = bus.OpenConsumer(Subscription("dead", "a1")))
        {
            var held = await ReceiveAtLeast(dead, 2);
            await dead.AcknowledgeAsync(held[0]);
        }

        await using var successor = bus.OpenConsumer(Subscription("successor", "a1"));
        var claimed = new List<SignalDelivery>();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (claimed.Count == 0 && DateTime.UtcNow < deadline)
        {
            claimed.AddRange(await successor.ReceiveAsync(TimeSpan.FromMilliseconds(100)));
        }

        var only = Assert.Single(claimed);
        Assert.Equal(2, TestSignals.Number(only.Signal));
        Assert.True(only.Redelivered);
        await successor.AcknowledgeAsync(only);
        await Task.Delay(400);
        Assert.Empty(await successor.ReceiveAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Consumers_of_one_group_share_the_signals_and_each_group_gets_them_all()
    {
        await using var bus = CreateBus();
        await using var one = bus.OpenConsumer(Subscription("one", "a1", "a2"));
        await using var two = bus.OpenConsumer(Subscription("two", "a1", "a2"));
        await using var audit = bus.OpenConsumer(new SignalSubscription("audit", "x", ["a1", "a2"]));
        for (int n = 1; n <= 10; n++)
        {
            await bus.PublishAsync(TestSignals.For(n % 2 == 0 ? "a1" : "a2", n));
        }

        var shared = new List<SignalDelivery>();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (shared.Count < 10 && DateTime.UtcNow < deadline)
        {
            shared.AddRange(await one.ReceiveAsync(TimeSpan.FromMilliseconds(20)));
            shared.AddRange(await two.ReceiveAsync(TimeSpan.FromMilliseconds(20)));
        }

        Assert.Equal(Enumerable.Range(1, 10), shared.Select(d => TestSignals.Number(d.Signal)).Order());
        var all = await ReceiveAtLeast(audit, 10);
        Assert.Equal(Enumerable.Range(1, 10), all.Select(d => TestSignals.Number(d.Signal)).Order());
        Assert.All(all, d => Assert.Equal(TestSignals.Number(d.Signal) % 2 == 0 ? "a1" : "a2", d.AgentId));
    }

    [Fact]
    public async Task Stream_keeps_about_its_maximum_length()
    {
        await using var bus = CreateBus(maxLength: 50);
        for (int n = 1; n <= 1000; n++)
        {
            await bus.PublishAsync(TestSignals.For("a1", n));
        }

        await using var consumer = bus.OpenConsumer(Subscription("late", "a1"));
        var kept = new List<SignalDelivery>();
        IReadOnlyList<SignalDelivery> batch;
        while ((batch = await consumer.ReceiveAsync(TimeSpan.FromMilliseconds(100))).Count > 0)
        {
            kept.AddRange(batch);
        }

        // Redis trims whole nodes of 100 entries ("MAXLEN ~"), so it may keep up to one node more than asked.
        Assert.InRange(kept.Count, 50, 150);
        Assert.Equal(1000, TestSignals.Number(kept[^1].Signal));
        Assert.Equal(Enumerable.Range(1001 - kept.Count, kept.Count), kept.Select(d => TestSignals.Number(d.Signal)));
    }

    protected static async Task<List<SignalDelivery>> ReceiveAtLeast(ISignalConsumer consumer, int count)
    {
        var received = new List<SignalDelivery>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (received.Count < count && DateTime.UtcNow < deadline)
        {
            received.AddRange(await consumer.ReceiveAsync(TimeSpan.FromMilliseconds(500)));
        }

        Assert.True(received.Count >= count, $"received {received.Count} of {count} signals");
        return received;
    }
}
