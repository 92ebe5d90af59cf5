using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Releat.Contracts.V1;

namespace Releat.SignalBus.Benchmarks;

/// <summary>
/// One signal at a time, as the trader sees them (decisions come seconds apart): stamp, publish, and time until the
/// consumer's receive returns it; the consumer acknowledges each, as the trader does. The sequence number rides in
/// the decision time. Samples are Stopwatch ticks in a preallocated array.
/// </summary>
internal static class LatencyRun
{
    private static readonly DateTime Epoch = new(2024, 1, 8, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<LatencySummary> MeasureAsync(string name, ISignalBus bus, int warmup, int samples)
    {
        int total = warmup + samples;
        var published = new long[total];
        var received = new long[total];
        using var arrived = new SemaphoreSlim(0);
        using var stop = new CancellationTokenSource();
        string agent = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var consumer = bus.OpenConsumer(new SignalSubscription("trader", "bench", [agent]));
        await consumer.ReceiveAsync(TimeSpan.Zero);
        var reading = Task.Run(async () =>
        {
            try
            {
                while (!stop.IsCancellationRequested)
                {
                    foreach (var delivery in await consumer.ReceiveAsync(TimeSpan.FromSeconds(1), stop.Token))
                    {
                        long now = Stopwatch.GetTimestamp();
                        int sequence = (int)(delivery.Signal.DecisionTime.ToDateTime() - Epoch).TotalMilliseconds;
                        received[sequence] = now;
                        await consumer.AcknowledgeAsync(delivery);
                        arrived.Release();
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Done.
            }
        });

        var signal = new Signal { AgentId = agent, Symbol = "EURUSD", Decision = new PolicyDecision { Action = 1, ActionName = "open_long_1" } };
        signal.Decision.Probabilities.Add(new float[9]);
        for (int i = 0; i < total; i++)
        {
            signal.DecisionTime = Timestamp.FromDateTime(Epoch.AddMilliseconds(i));
            published[i] = Stopwatch.GetTimestamp();
            await bus.PublishAsync(signal);
            await arrived.WaitAsync();
        }

        await stop.CancelAsync();
        await reading;
        await consumer.DisposeAsync();
        var micros = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            micros[i] = (received[warmup + i] - published[warmup + i]) * 1_000_000.0 / Stopwatch.Frequency;
        }

        Array.Sort(micros);
        return new LatencySummary(name, samples, micros[samples / 2], micros[Math.Min(samples - 1, (int)(samples * 0.99))], micros[^1]);
    }
}

internal sealed record LatencySummary(string Name, int Samples, double P50Micros, double P99Micros, double MaxMicros);
