using System.Diagnostics;
using System.Runtime.CompilerServices;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Releat.Contracts.Channels;
using Releat.MarketData.Model;
using V1 = Releat.Contracts.V1;

namespace Releat.Signal.Core.Feeds;

/// <summary>
/// The mt5-gateway's MarketData service as the signal service's tick source: SubscribeTicks for live ticks (stamped
/// on arrival), GetTicks for the recorded history to catch up from. Calls carry the configured bearer token.
/// </summary>
public sealed class GatewayTickFeed : ILiveTickFeed, ITickHistory, IDisposable
{
    private readonly ReleatChannel _channel;
    private readonly V1.MarketData.MarketDataClient _client;

    public GatewayTickFeed(string address, string? bearerToken = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        Address = address;
        _channel = ReleatChannel.ForAddress(address, new ReleatChannelOptions
        {
            BearerToken = string.IsNullOrEmpty(bearerToken) ? null : bearerToken,
        });
        _client = new V1.MarketData.MarketDataClient(_channel.CallInvoker);
    }

    public string Address { get; }

    public async IAsyncEnumerable<LiveTick> SubscribeAsync(IReadOnlyList<string> symbols, [EnumeratorCancellation] CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var request = new V1.SubscribeTicksRequest();
        request.Symbols.AddRange(symbols);
        using AsyncServerStreamingCall<V1.Tick> call = _client.SubscribeTicks(request, cancellationToken: cancellation);
        await foreach (V1.Tick tick in call.ResponseStream.ReadAllAsync(cancellation).ConfigureAwait(false))
        {
            long arrival = Stopwatch.GetTimestamp();
            yield return new LiveTick(tick.Symbol, ToTick(tick), arrival, tick.ArrivedUs);
        }
    }

    public async IAsyncEnumerable<Tick> ReadAsync(string symbol, long fromMs, long toMs, [EnumeratorCancellation] CancellationToken cancellation)
    {
        var request = new V1.GetTicksRequest
        {
            Symbol = symbol,
            From = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(fromMs)),
            To = Timestamp.FromDateTimeOffset(DateTimeOffset.FromUnixTimeMilliseconds(toMs)),
        };
        using AsyncServerStreamingCall<V1.Tick> call = _client.GetTicks(request, cancellationToken: cancellation);
        await foreach (V1.Tick tick in call.ResponseStream.ReadAllAsync(cancellation).ConfigureAwait(false))
        {
            yield return ToTick(tick);
        }
    }

    public void Dispose() => _channel.Dispose();

    private static Tick ToTick(V1.Tick tick) => new(
        tick.Time is { } time ? (time.Seconds * 1000) + (time.Nanos / 1_000_000) : 0, tick.Bid, tick.Ask, tick.Last, tick.Volume, (TickFlags)tick.Flags);
}
