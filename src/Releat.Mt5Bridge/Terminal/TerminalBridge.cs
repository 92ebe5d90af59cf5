using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Releat.MarketData.Feeds;
using Releat.Mt5Bridge.Protocol;

namespace Releat.Mt5Bridge.Terminal;

/// <summary>
/// Waits for the ReleatBridge Expert Advisor, authenticates it, and gives the gateway one terminal to trade
/// through. A newly authenticated terminal replaces the previous one (the EA reconnects after a restart).
/// Orders are remembered by client order id, so a retry never reaches the terminal twice.
/// </summary>
public sealed partial class TerminalBridge : IAsyncDisposable
{
    private readonly Mt5BridgeOptions _options;
    private readonly string _secret;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<ResultMessage>>> _orders = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _subscriptions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private TerminalSession? _session;

    public TerminalBridge(Mt5BridgeOptions options, ILogger<TerminalBridge> logger)
    {
        _options = options;
        _secret = options.ResolveSecret();
        _logger = logger;
    }

    /// <summary>The port actually bound (useful when the options asked for port 0).</summary>
    public int Port { get; private set; }

    public TerminalSession? Session => Volatile.Read(ref _session);

    /// <summary>Every tick of every session, in arrival order, time in UTC.</summary>
    public event Action<SymbolTick>? TickReceived;

    /// <summary>Raised after a terminal authenticated and its subscriptions were sent.</summary>
    public event Action<TerminalSession>? Connected;

    public void Start()
    {
        _listener = new TcpListener(IPAddress.Parse(_options.ListenAddress), _options.Port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
        LogListening(_logger, _options.ListenAddress, Port);
    }

    public TerminalSession RequireSession() =>
        Session is { Completion.IsCompleted: false } session
            ? session
            : throw new TerminalUnavailableException("No MT5 terminal is connected to the bridge");

    /// <summary>Streams these symbols' ticks from now on, and from every terminal that connects later.</summary>
    public async Task SubscribeAsync(IReadOnlyCollection<string> symbols, CancellationToken cancellation)
    {
        foreach (var symbol in symbols)
        {
            _subscriptions.TryAdd(symbol, 0);
        }

        if (Session is { Completion.IsCompleted: false } session)
        {
            await session.SubscribeAsync(symbols, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends a market order once per client order id: a second call with the same id returns the first call's
    /// result. Only a request that never got an answer (terminal unavailable) may be sent again.
    /// </summary>
    public Task<ResultMessage> SendOrderAsync(
        string clientOrderId, string symbol, bool buy, double volume, double stopLoss, double takeProfit, long magic,
        CancellationToken cancellation) =>
        Once(clientOrderId, () => RequireSession().SendOrderAsync(
            clientOrderId, symbol, buy, volume, stopLoss, takeProfit, magic, cancellation));

    public Task<ResultMessage> ClosePositionAsync(string clientOrderId, long ticket, double volume, CancellationToken cancellation) =>
        Once(clientOrderId, () => RequireSession().ClosePositionAsync(clientOrderId, ticket, volume, cancellation));

    public async ValueTask DisposeAsync()
    {
        // The gateway's hosted service disposes the bridge when it stops and again when the container disposes it,
        // and the container disposes the singleton too: only the first call may touch the disposed token source.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        if (Session is { } session)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task<ResultMessage> Once(string clientOrderId, Func<Task<ResultMessage>> send)
    {
        GatewayCommands.ClientOrderId(clientOrderId);
        var attempt = _orders.GetOrAdd(clientOrderId, _ => new Lazy<Task<ResultMessage>>(send));
        try
        {
            return await attempt.Value.ConfigureAwait(false);
        }
        catch (TerminalUnavailableException)
        {
            _orders.TryRemove(new KeyValuePair<string, Lazy<Task<ResultMessage>>>(clientOrderId, attempt));
            throw;
        }
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener!.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => AuthenticateAsync(client));
        }
    }

    private async Task AuthenticateAsync(TcpClient client)
    {
        client.NoDelay = true;
        var stream = client.GetStream();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(_options.HandshakeTimeout);
        var remote = client.Client.RemoteEndPoint?.ToString() ?? "?";
        try
        {
            var nonce = BridgeHandshake.NewNonce();
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(GatewayCommands.Challenge(nonce)), timeout.Token).ConfigureAwait(false);
            var reader = new BridgeLineReader(stream);
            var line = await reader.ReadLineAsync(timeout.Token).ConfigureAwait(false)
                ?? throw new BridgeProtocolException("connection closed before HELLO");
            var hello = line.Type == "HELLO"
                ? (HelloMessage)TerminalMessageParser.Parse(line)
                : throw line.Error("expected HELLO");
            if (hello.Version != BridgeHandshake.ProtocolVersion || !BridgeHandshake.IsValidProof(_secret, nonce, hello.Proof))
            {
                await DenyAsync(stream, hello.Version != BridgeHandshake.ProtocolVersion ? "unsupported protocol version" : "bad proof").ConfigureAwait(false);
                LogDenied(_logger, remote, "wrong secret or version");
                client.Dispose();
                return;
            }

            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(GatewayCommands.Welcome()), timeout.Token).ConfigureAwait(false);
            var session = new TerminalSession(stream, reader, hello, _options.RequestTimeout, _logger);
            session.TickReceived += tick => TickReceived?.Invoke(tick);
            var previous = Interlocked.Exchange(ref _session, session);
            if (previous is not null)
            {
                await previous.DisposeAsync().ConfigureAwait(false);
            }

            LogConnected(_logger, hello.Login, hello.Server, remote);
            await session.SubscribeAsync([.. _subscriptions.Keys], _stopping.Token).ConfigureAwait(false);
            Connected?.Invoke(session);
        }
        catch (Exception e) when (e is BridgeProtocolException or IOException or OperationCanceledException or InvalidCastException)
        {
            await DenyAsync(stream, "protocol error").ConfigureAwait(false);
            LogDenied(_logger, remote, e.Message);
            client.Dispose();
        }
    }

    private static async Task DenyAsync(Stream stream, string reason)
    {
        try
        {
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(GatewayCommands.Denied(reason))).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The peer is gone already.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MT5 bridge listening on {Address}:{Port}")]
    private static partial void LogListening(ILogger logger, string address, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "MT5 terminal connected: account {Login} on {Server} from {Remote}")]
    private static partial void LogConnected(ILogger logger, string login, string server, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MT5 bridge refused a connection from {Remote}: {Reason}")]
    private static partial void LogDenied(ILogger logger, string remote, string reason);
}
