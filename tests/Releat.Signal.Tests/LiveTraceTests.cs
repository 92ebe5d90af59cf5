using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Releat.Contracts.Tracing;
using Releat.Live;

namespace Releat.Signal.Tests;

/// <summary>
/// The live path followed through every service's code (signaller, bus, trader, gateway, broker, as the embedded path
/// runs them): one decision is one trace from the tick to the fill with a span per hop, read back with OpenTelemetry's
/// in-memory exporter, and every hop is timed in the hop histogram.
/// </summary>
[Collection(SmallMarketGroup.Name)]
public sealed class LiveTraceTests(SmallMarket market)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task One_decision_is_one_trace_from_tick_to_fill_with_a_span_per_hop_and_every_hop_is_timed()
    {
        var spans = new List<Activity>();
        var hops = new Dictionary<string, int>(StringComparer.Ordinal);
        using (var listener = HopListener(hops))
        {
            using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource(LiveTrace.SourceName).AddInMemoryExporter(spans).Build())
            {
                await ReplayAsync();
                tracing.ForceFlush();
            }

            listener.RecordObservableInstruments();
        }

        // Traces that reached the broker: every decision that traded.
        var traded = spans.GroupBy(s => s.TraceId).Where(t => t.Any(s => s.DisplayName == "broker")).ToList();
        Assert.NotEmpty(traded);
        foreach (var trace in traded)
        {
            AssertChain([.. trace]);
        }

        foreach (string hop in LiveHops.All)
        {
            Assert.True(hops.GetValueOrDefault(hop) > 0, $"hop {hop} was never timed (timed: {string.Join(", ", hops.Select(h => $"{h.Key} {h.Value}"))})");
        }
    }

    /// <summary>
    /// Each span once (a decision's orders after the first reuse the trader's span; their gateway spans may repeat),
    /// under the parent the hop belongs to, each hop starting where the one before it ended.
    /// </summary>
    private static void AssertChain(List<Activity> trace)
    {
        Activity One(string name) => trace.First(s => s.DisplayName == name);
        var decision = One("decision");
        var tickDelivery = One("tick delivery");
        var features = One("features and policy");
        var signalDelivery = One("signal delivery");
        var trader = One("trader");
        var orderDelivery = One("order delivery");
        var broker = One("broker");

        Assert.Equal(default, decision.ParentSpanId);
        Assert.All([tickDelivery, features, signalDelivery, trader], s => Assert.Equal(decision.SpanId, s.ParentSpanId));
        Assert.All([orderDelivery, broker], s => Assert.Equal(trader.SpanId, s.ParentSpanId));

        string correlation = (string)decision.GetTagItem(LiveTrace.CorrelationTag)!;
        Assert.StartsWith("EURUSD@", correlation, StringComparison.Ordinal);
        Assert.All(trace, s => Assert.Equal(correlation, s.GetTagItem(LiveTrace.CorrelationTag)));

        Assert.Equal(Micros(decision.StartTimeUtc), Micros(tickDelivery.StartTimeUtc));
        Assert.Equal(Micros(End(tickDelivery)), Micros(features.StartTimeUtc));
        Assert.Equal(Micros(End(decision)), Micros(signalDelivery.StartTimeUtc));
        Assert.Equal(Micros(End(signalDelivery)), Micros(trader.StartTimeUtc));
        Assert.Equal(Micros(End(trader)), Micros(orderDelivery.StartTimeUtc));
        Assert.Equal(Micros(End(orderDelivery)), Micros(broker.StartTimeUtc));
        Assert.True(End(features) <= End(decision), "features and policy ended after the signal went to the bus");
    }

    private static DateTime End(Activity span) => span.StartTimeUtc + span.Duration;

    /// <summary>
    /// To the nearest microsecond: the path is stamped in microseconds, and a span's end (start plus duration) can come
    /// back a tick of 100 ns off the stamp it was set to.
    /// </summary>
    private static long Micros(DateTime time) => (time.Ticks + 5) / 10;

    private async Task ReplayAsync()
    {
        string folder = Directory.CreateTempSubdirectory("releat-live-trace-").FullName;
        try
        {
            await using var live = new EmbeddedLivePath(new EmbeddedLiveOptions { Policy = market.Policy(seed: 11), Folder = folder }, SmallMarket.Registry);
            live.Start();
            await live.ReplayAsync(market.Ticks).WaitAsync(Patience);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static MeterListener HopListener(Dictionary<string, int> hops)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == LiveHops.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "hop", Value: string hop })
                {
                    lock (hops)
                    {
                        hops[hop] = hops.GetValueOrDefault(hop) + 1;
                    }
                }
            }
        });
        listener.Start();
        return listener;
    }
}
