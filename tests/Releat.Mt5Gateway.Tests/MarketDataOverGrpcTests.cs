using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Synthetic;
using Releat.MarketData.Time;
using Releat.Testing;
using V1 = Releat.Contracts.V1;

namespace Releat.Mt5Gateway.Tests;

public sealed class MarketDataOverGrpcTests
{
    private static readonly long Start = UtcTime.FromDate(new DateOnly(2024, 1, 8));

    [Fact]
    public async Task Ranged_tick_stream_matches_the_store_exactly()
    {
        var root = TempFolder.Create();
        var stored = WriteSyntheticTicks(root, count: 20_000);
        var from = stored[3_000].TimeMs;
        var to = stored[17_000].TimeMs;
        var expected = new TickStore(root).ReadAll("EURUSD", from, to);
        await using var gateway = await GatewayFixture.StartAsync(root, new Dictionary<string, string>
        {
            ["Simulated__Source"] = "Store",
            ["Simulated__Speed"] = "0",
        });

        var received = new List<V1.Tick>();
        using var call = gateway.MarketData.GetTicks(new V1.GetTicksRequest { Symbol = "EURUSD", From = Timestamp(from), To = Timestamp(to) });
        await foreach (var tick in call.ResponseStream.ReadAllAsync())
        {
            received.Add(tick);
        }

        Assert.True(expected.Length > 10_000);
        Assert.Equal(expected.Length, received.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var want = expected[i];
            var got = received[i];
            Assert.True(
                want.TimeMs == ToMs(got.Time) && want.Bid == got.Bid && want.Ask == got.Ask && want.Last == got.Last
                && want.Volume == got.Volume && (uint)want.Flags == got.Flags && got.Symbol == "EURUSD",
                $"tick {i} differs: stored {want}, streamed {got}");
        }
    }

    [Fact]
    public async Task Symbols_are_described_and_bad_requests_get_clear_statuses()
    {
        var root = TempFolder.Create();
        await using var gateway = await GatewayFixture.StartAsync(root, new Dictionary<string, string> { ["Simulated__Speed"] = "1" });

        var eurusd = await gateway.MarketData.GetSymbolAsync(new V1.GetSymbolRequest { Symbol = "EURUSD" });
        Assert.Equal(5, eurusd.Digits);
        Assert.Equal(0.0001, eurusd.PipSize);
        Assert.Contains(eurusd.Sessions, s => s.DayOfWeek == (int)DayOfWeek.Sunday && s.OpenMinute == 22 * 60);
        var all = await gateway.MarketData.ListSymbolsAsync(new V1.ListSymbolsRequest());
        Assert.Contains(all.Symbols, s => s.Symbol == "USDJPY");

        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await gateway.MarketData.GetSymbolAsync(new V1.GetSymbolRequest { Symbol = "XXXYYY" }));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("XXXYYY", unknown.Status.Detail, StringComparison.Ordinal);

        using var backwards = gateway.MarketData.GetTicks(new V1.GetTicksRequest { Symbol = "EURUSD", From = Timestamp(Start + 1000), To = Timestamp(Start) });
        var range = await Assert.ThrowsAsync<RpcException>(async () => await backwards.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.InvalidArgument, range.StatusCode);

        using var notStreamed = gateway.MarketData.SubscribeTicks(new V1.SubscribeTicksRequest { Symbols = { "USDJPY" } });
        var subscribe = await Assert.ThrowsAsync<RpcException>(async () => await notStreamed.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.InvalidArgument, subscribe.StatusCode);
    }

    [Fact]
    public async Task Live_subscribers_each_get_every_tick_in_order_and_it_is_recorded()
    {
        var root = TempFolder.Create();
        await using var gateway = await GatewayFixture.StartAsync(root, new Dictionary<string, string>
        {
            ["Simulated__Source"] = "Synthetic",
            ["Simulated__Speed"] = "300",
            ["RecordTicks"] = "true",
        });

        // Each subscriber reads until it has 200 ticks; the token is only a deadline against a hang.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var first = CollectAsync(gateway, ticks => ticks.Count >= 200, deadline.Token);
        var second = CollectAsync(gateway, ticks => ticks.Count >= 200, deadline.Token);
        var a = await first;
        var b = await second;
        Assert.True(a.Count >= 200 && b.Count >= 200, $"too few ticks within 60 s: {a.Count}, {b.Count}");

        // The recorder flushes once a second: wait until the recording holds the last tick each stream got.
        await Eventually.WaitUntilAsync(() => IsRecorded(root, a[^1]) && IsRecorded(root, b[^1]), "the recorder flushing the streamed ticks");
        // Each stream is an exact, gapless slice of what the gateway recorded, so both saw the same ticks in order.
        foreach (var received in new[] { a, b })
        {
            var recorded = new TickStore(root).ReadAll("EURUSD", ToMs(received[0].Time), ToMs(received[^1].Time) + 1);
            var startAt = Array.FindIndex(recorded, t => Same(t, received[0]));
            Assert.True(startAt >= 0, "first streamed tick not in the recording");
            Assert.True(recorded.Length - startAt >= received.Count, "stream has ticks the recording lacks");
            for (var i = 0; i < received.Count; i++)
            {
                Assert.True(Same(recorded[startAt + i], received[i]), $"tick {i} missing, repeated or out of order");
            }
        }
    }

    [Fact]
    public async Task A_slow_subscriber_is_cut_off_without_stalling_a_fast_one()
    {
        var root = TempFolder.Create();
        await using var gateway = await GatewayFixture.StartAsync(root, new Dictionary<string, string>
        {
            ["Simulated__Source"] = "Synthetic",
            // 300x: ~2,000 ticks take a few seconds. At 3000x the fast reader itself fell 512 ticks behind and was cut
            // off when two busy loops shared the 2 cores (scripts/repeat-tests.sh --stress); the slow one, reading
            // nothing, is cut off after 512 ticks at any speed.
            ["Simulated__Speed"] = "300",
            ["SubscriberQueueCapacity"] = "512",
            ["RecordTicks"] = "false",
        });

        using var slow = gateway.MarketData.SubscribeTicks(new V1.SubscribeTicksRequest());
        Assert.True(await slow.ResponseStream.MoveNext(CancellationToken.None));
        // The fast one reads four times the slow one's queue and a minute of market time while the slow one reads
        // nothing; the token is only a deadline against a stall.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var fast = await CollectAsync(gateway, ticks => ticks.Count > 2_000 && ToMs(ticks[^1].Time) - ToMs(ticks[0].Time) > 60_000, deadline.Token);

        Assert.True(fast.Count > 2_000, $"fast subscriber got only {fast.Count} ticks within 60 s");
        Assert.True(ToMs(fast[^1].Time) - ToMs(fast[0].Time) > 60_000, "fast subscriber stalled");
        var cutOff = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await slow.ResponseStream.MoveNext(deadline.Token))
            {
            }
        });
        Assert.Equal(StatusCode.ResourceExhausted, cutOff.StatusCode);
        Assert.Contains("behind", cutOff.Status.Detail, StringComparison.Ordinal);
    }

    /// <summary>EURUSD ticks from a new subscription until <paramref name="enough"/> holds, or what came before the deadline.</summary>
    private static async Task<List<V1.Tick>> CollectAsync(GatewayFixture gateway, Func<List<V1.Tick>, bool> enough, CancellationToken deadline)
    {
        var ticks = new List<V1.Tick>();
        using var call = gateway.MarketData.SubscribeTicks(new V1.SubscribeTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: deadline);
        try
        {
            await foreach (var tick in call.ResponseStream.ReadAllAsync(deadline))
            {
                ticks.Add(tick);
                if (enough(ticks))
                {
                    break;
                }
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
        {
            // The deadline passed: the caller's assertions say what was missing.
        }
        catch (OperationCanceledException)
        {
            // The deadline passed: the caller's assertions say what was missing.
        }

        return ticks;
    }

    private static bool IsRecorded(string root, V1.Tick streamed)
    {
        try
        {
            return new TickStore(root).ReadAll("EURUSD", ToMs(streamed.Time), ToMs(streamed.Time) + 1).Any(t => Same(t, streamed));
        }
        catch (IOException)
        {
            // The recorder holds the day's file open while it appends; the next poll reads it again.
            return false;
        }
    }

    private static Tick[] WriteSyntheticTicks(string root, int count)
    {
        var generator = new SyntheticTickGenerator(new SyntheticMarketOptions { Seed = 7, StartMs = Start });
        var ticks = new Tick[count];
        generator.Fill(ticks);
        using var writer = new TickStore(root).OpenWriter("EURUSD");
        foreach (var tick in ticks)
        {
            writer.Append(tick);
        }

        writer.Flush(durable: true);
        return ticks;
    }

    private static bool Same(in Tick stored, V1.Tick streamed) =>
        stored.TimeMs == ToMs(streamed.Time) && stored.Bid == streamed.Bid && stored.Ask == streamed.Ask && (uint)stored.Flags == streamed.Flags;

    private static Timestamp Timestamp(long ms) => new() { Seconds = Math.DivRem(ms, 1000, out var rem), Nanos = (int)rem * 1_000_000 };

    private static long ToMs(Timestamp t) => (t.Seconds * 1000) + (t.Nanos / 1_000_000);
}
