using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Releat.MarketData.Feeds;
using Releat.Mt5Bridge.Protocol;

namespace Releat.Mt5Bridge.Terminal;

/// <summary>
/// Waits for the ReleatBridge Expert Advisor, authenticates it, checks its account against
/// <see cref="AccountPolicy"/>, and gives the gateway one terminal to trade through. A second terminal is refused
/// while the first is alive (heard from within <see cref="Mt5BridgeOptions.StaleSessionAfter"/>), so two EAs cannot
/// evict each other; a silent one is replaced (the EA reconnects after a restart). Orders go through
/// <see cref="ExactlyOnceOrders"/>: one outcome per client order id.
/// </summary>
public sealed partial class TerminalBridge : IAsyncDisposable
{
    private readonly Mt5BridgeOptions _options;
    private readonly string _secret;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly BrokerSymbols _symbols;
    private readonly TimeZoneInfo? _serverZone;
    private readonly SemaphoreSlim _admission = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> _subscriptions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private TerminalSession? _session;

    public TerminalBridge(Mt5BridgeOptions options, ILogger<TerminalBridge> logger, TimeProvider? time = null)
    {
        _options = options;
        _secret = options.ResolveSecret();
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _symbols = new BrokerSymbols(options.SymbolMap);
        _serverZone = options.ResolveServerTimeZone();
        Orders = new ExactlyOnceOrders(RequireSession, options, _time);
    }

    /// <summary>Outcomes by client order id.</summary>
    public ExactlyOnceOrders Orders { get; }

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

    /// <summary>
    /// The connected terminal's session. One that is closing counts as gone from the moment it starts (its pending
    /// requests already failed), not only once its clean-up ends: an order must not be handed to it in between.
    /// </summary>
    public TerminalSession RequireSession() =>
        Session is { IsOpen: true } session
            ? session
            : throw new TerminalUnavailableException("No MT5 terminal is connected to the bridge");

    /// <summary>Streams these symbols' ticks from now on, and from every terminal that connects later.</summary>
    public async Task SubscribeAsync(IReadOnlyCollection<string> symbols, CancellationToken cancellation)
    {
        foreach (var symbol in symbols)
        {
            _subscriptions.TryAdd(symbol, 0);
        }

        if (Session is { IsOpen: true } session)
        {
            await session.SubscribeAsync(symbols, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends a market order once per client order id: a second call with the same id returns the first call's
    /// outcome, or finds out from the terminal what became of it (see <see cref="ExactlyOnceOrders"/>).
    /// </summary>
    public Task<ResultMessage> SendOrderAsync(
        string clientOrderId, string symbol, bool buy, double volume, double stopLoss, double takeProfit, long magic,
        CancellationToken cancellation) =>
        Orders.RunAsync(
            clientOrderId,
            (session, token) => session.SendOrderAsync(clientOrderId, symbol, buy, volume, stopLoss, takeProfit, magic, token),
            cancellation);

    /// <summary>Closes (part of) the position with this identifier (POSITION_IDENTIFIER), once per client order id.</summary>
    public Task<ResultMessage> ClosePositionAsync(string clientOrderId, long positionId, double volume, CancellationToken cancellation) =>
        Orders.RunAsync(
            clientOrderId, (session, token) => session.ClosePositionAsync(clientOrderId, positionId, volume, token), cancellation);

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
        _admission.Dispose();
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

            if (AccountPolicy.Refusal(hello, _options) is { } refusal)
            {
                await DenyAsync(stream, refusal).ConfigureAwait(false);
                LogDenied(_logger, remote, refusal);
                client.Dispose();
                return;
            }

            // One terminal at a time: a second EA (another chart, another terminal) is refused while the first is
            // alive, instead of the two evicting each other every reconnect.
            await _admission.WaitAsync(timeout.Token).ConfigureAwait(false);
            TerminalSession session;
            try
            {
                if (Session is { IsOpen: true } current
                    && _time.GetUtcNow() - current.LastHeard < _options.StaleSessionAfter)
                {
                    var reason = $"another terminal is connected (account {current.Info.Login}); remove the second EA";
                    await DenyAsync(stream, reason).ConfigureAwait(false);
                    LogDenied(_logger, remote, reason);
                    client.Dispose();
                    return;
                }

                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(GatewayCommands.Welcome()), timeout.Token).ConfigureAwait(false);
                var clock = new ServerClock(hello.UtcOffsetSeconds, _serverZone, _options.ServerTimeShiftHours);
                session = new TerminalSession(stream, reader, hello, clock, _symbols, _options.RequestTimeout, _time, _logger);
                session.TickReceived += tick => TickReceived?.Invoke(tick);
                session.ResultReceived += Orders.Observe;
                var previous = Interlocked.Exchange(ref _session, session);
                if (previous is not null)
                {
                    await previous.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                _admission.Release();
            }

            if (session.Clock.UsesRules && session.Clock.RuleOffsetSeconds(_time.GetUtcNow()) != hello.UtcOffsetSeconds)
            {
                LogClockMismatch(_logger, hello.UtcOffsetSeconds, session.Clock.RuleOffsetSeconds(_time.GetUtcNow()));
            }

            LogConnected(_logger, hello.Login, hello.Server, hello.TradeMode, remote);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "MT5 terminal connected: account {Login} on {Server} ({TradeMode}) from {Remote}")]
    private static partial void LogConnected(ILogger logger, string login, string server, string tradeMode, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MT5 server reports UTC offset {Reported} s but Mt5Bridge:ServerTimeZone gives {Rules} s now: check the setting")]
    private static partial void LogClockMismatch(ILogger logger, int reported, int rules);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MT5 bridge refused a connection from {Remote}: {Reason}")]
    private static partial void LogDenied(ILogger logger, string remote, string reason);
}
