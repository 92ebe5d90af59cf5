using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Releat.MarketData;
using Releat.MarketData.Storage;
using Releat.MarketData.Synthetic;
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

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var first = CollectAsync(gateway, stop.Token);
        var second = CollectAsync(gateway, stop.Token);
        var a = await first;
        var b = await second;
        await Task.Delay(1500); // the recorder flushes once a second

        Assert.True(a.Count > 100 && b.Count > 100, $"too few ticks: {a.Count}, {b.Count}");
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
            ["Simulated__Speed"] = "3000",
            ["SubscriberQueueCapacity"] = "512",
            ["RecordTicks"] = "false",
        });

        using var slow = gateway.MarketData.SubscribeTicks(new V1.SubscribeTicksRequest());
        Assert.True(await slow.ResponseStream.MoveNext(CancellationToken.None));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var fast = await CollectAsync(gateway, stop.Token);

        // The fast one kept receiving the whole time the slow one read nothing.
        Assert.True(fast.Count > 2_000, $"fast subscriber got only {fast.Count} ticks");
        Assert.True(ToMs(fast[^1].Time) - ToMs(fast[0].Time) > 60_000, "fast subscriber stalled");
        var cutOff = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await slow.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });
        Assert.Equal(StatusCode.ResourceExhausted, cutOff.StatusCode);
        Assert.Contains("behind", cutOff.Status.Detail, StringComparison.Ordinal);
    }

    private static async Task<List<V1.Tick>> CollectAsync(GatewayFixture gateway, CancellationToken stop)
    {
        var ticks = new List<V1.Tick>();
        using var call = gateway.MarketData.SubscribeTicks(new V1.SubscribeTicksRequest { Symbols = { "EURUSD" } }, cancellationToken: stop);
        try
        {
            await foreach (var tick in call.ResponseStream.ReadAllAsync(stop))
            {
                ticks.Add(tick);
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled)
        {
            // The test's time is up.
        }
        catch (OperationCanceledException)
        {
            // The test's time is up.
        }

        return ticks;
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
