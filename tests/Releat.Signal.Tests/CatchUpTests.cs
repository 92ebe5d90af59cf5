using Releat.MarketData;
using Releat.MarketData.Model;
using Releat.Signal.Core.Feeds;
using Releat.Signal.Core.Live;
using Releat.SignalBus.InMemory;
using Releat.Testing;
using V1 = Releat.Contracts.V1;

namespace Releat.Signal.Tests;

/// <summary>
/// Starting (or reconnecting) in the middle of the market: the signaller catches up from the recorded ticks and its
/// signals are those of one that never stopped.
/// </summary>
[Collection(SmallMarketGroup.Name)]
public sealed class CatchUpTests(SmallMarket market)
{
    private static readonly TickFeedOptions Immediate = new() { CatchUpDelay = TimeSpan.Zero, FirstBackoff = TimeSpan.FromMilliseconds(10), ReconnectWhenEnded = false };

    [Fact]
    public async Task After_a_restart_mid_stream_the_first_signal_equals_an_uninterrupted_signallers()
    {
        List<V1.Signal> uninterrupted = await SignallerTests.RunAsync(market, market.Policy(seed: 3), market.Ticks);
        var feed = new InProcessTickFeed();
        int restart = Array.FindIndex(market.Ticks, t => t.TimeMs >= AgentPolicyTests.Monday(1, 30, 0));
        foreach (Tick tick in market.Ticks.AsSpan(0, restart))
        {
            feed.Record("EURUSD", tick);
        }

        var signals = new List<V1.Signal>();
        var signaller = new LiveAgentSignaller(market.Plan, market.Policy(seed: 3), new InMemorySignalBus(), new SignallerOptions { Published = signals.Add });
        Task following = new AgentTickFeed(signaller, feed, feed, Immediate).RunAsync(CancellationToken.None);
        await SubscribedAsync(feed);
        int end = restart + 2000;
        for (int i = restart; i < end; i++)
        {
            feed.Publish("EURUSD", market.Ticks[i]);
        }

        feed.Complete();
        await following.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Same(uninterrupted, signals[0]), signals[0], new SameDecision());
        Assert.Equal(uninterrupted.Where(s => Between(s, signals[0], market.Ticks[end - 1].TimeMs)), signals, new SameDecision());
        Assert.True(signals.Count > 1000, $"{signals.Count} signals");
        Assert.InRange(signaller.CatchUpTicks, 30, 200);
        Assert.InRange(SignallerTests.Millis(signals[0].DecisionTime), market.Ticks[restart].TimeMs - 5_000, market.Ticks[restart].TimeMs);
    }

    [Fact]
    public async Task A_lost_feed_is_subscribed_again_and_caught_up_from_the_last_tick_fed()
    {
        List<V1.Signal> uninterrupted = await SignallerTests.RunAsync(market, market.Policy(seed: 3), market.Ticks);
        var feed = new InProcessTickFeed();
        var signals = new List<V1.Signal>();
        var logger = new RecordingLogger();
        var signaller = new LiveAgentSignaller(market.Plan, market.Policy(seed: 3), new InMemorySignalBus(), new SignallerOptions { Published = signals.Add });
        using var stop = new CancellationTokenSource();
        Task following = new AgentTickFeed(signaller, feed, feed, Immediate with { ReconnectWhenEnded = true, FirstBackoff = TimeSpan.FromMilliseconds(200) }, logger)
            .RunAsync(stop.Token);
        int outage = Array.FindIndex(market.Ticks, t => t.TimeMs >= AgentPolicyTests.Monday(1, 0, 0));
        int back = Array.FindIndex(market.Ticks, t => t.TimeMs >= AgentPolicyTests.Monday(1, 5, 0));

        await SubscribedAsync(feed);
        for (int i = 0; i < outage; i++)
        {
            feed.Publish("EURUSD", market.Ticks[i]);
        }

        await Eventually.WaitUntilAsync(() => signaller.Ticks >= outage);
        feed.Complete(new IOException("connection reset by peer"));
        for (int i = outage; i < back; i++)
        {
            feed.Publish("EURUSD", market.Ticks[i]);
        }

        await SubscribedAsync(feed);
        for (int i = back; i < market.Ticks.Length; i++)
        {
            feed.Publish("EURUSD", market.Ticks[i]);
        }

        await Eventually.WaitUntilAsync(() => signaller.Ticks >= market.Ticks.Length);
        await stop.CancelAsync();
        await following.WaitAsync(TimeSpan.FromSeconds(30));

        var expected = uninterrupted.Where(s => signals.Any(p => p.DecisionTime.Equals(s.DecisionTime))).ToList();
        Assert.Equal(expected, signals, new SameDecision());
        Assert.Equal(signals.Count, signals.Select(s => s.DecisionTime).Distinct().Count());
        Assert.True(signals.Count > uninterrupted.Count - 320, $"{signals.Count} of {uninterrupted.Count}: only the outage's stale decisions are missing");
        Assert.Contains(logger.Entries, e => e.Message.Contains("connection reset by peer", StringComparison.Ordinal));
        Assert.True(signaller.CatchUpTicks >= back - outage);
    }

    private static V1.Signal Same(List<V1.Signal> signals, V1.Signal like) => signals.Single(s => s.DecisionTime.Equals(like.DecisionTime));

    private static bool Between(V1.Signal signal, V1.Signal first, long lastTickMs)
    {
        long time = SignallerTests.Millis(signal.DecisionTime);
        return time >= SignallerTests.Millis(first.DecisionTime) && time <= lastTickMs;
    }

    private static Task SubscribedAsync(InProcessTickFeed feed) => Eventually.WaitUntilAsync(() => feed.Subscribers == 1, "the signaller subscribing to the feed");
}
