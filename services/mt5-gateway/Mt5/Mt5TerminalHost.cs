using Microsoft.Extensions.Options;
using Releat.MarketData.Feeds;
using Releat.MarketData.Storage;
using Releat.Mt5Bridge.Terminal;
using Releat.Mt5Gateway.Recording;
using Releat.Mt5Gateway.Streaming;

namespace Releat.Mt5Gateway.Mt5;

/// <summary>
/// Runs the bridge for the gateway's lifetime: waits for the terminal, subscribes the configured symbols, and
/// passes its ticks to live subscribers and the recorder.
/// </summary>
public sealed class Mt5TerminalHost(TerminalBridge bridge, TickHub hub, TickStore store, IOptions<GatewayOptions> options)
    : IHostedService, IAsyncDisposable
{
    private readonly Lock _recorderGate = new();
    private TickRecorder? _recorder;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.RecordTicks)
        {
            _recorder = new TickRecorder(store);
        }

        bridge.TickReceived += OnTick;
        bridge.Start();
        await bridge.SubscribeAsync([.. options.Value.Symbols], cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        bridge.TickReceived -= OnTick;
        await bridge.DisposeAsync().ConfigureAwait(false);
        lock (_recorderGate)
        {
            _recorder?.Dispose();
            _recorder = null;
        }
    }

    private void OnTick(SymbolTick tick)
    {
        hub.OnTick(tick.Symbol, tick.Tick);
        lock (_recorderGate)
        {
            _recorder?.OnTick(tick.Symbol, tick.Tick);
        }
    }
}
