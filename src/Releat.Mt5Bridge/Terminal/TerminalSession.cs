using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Releat.MarketData;
using Releat.MarketData.Feeds;
using Releat.Mt5Bridge.Protocol;

namespace Releat.Mt5Bridge.Terminal;

/// <summary>
/// One authenticated connection to a terminal: reads its lines, turns ticks into UTC, and matches answers to the
/// requests that asked for them. A malformed line is logged with its line number and dropped; a broken stream
/// ends the session and fails every pending request.
/// </summary>
public sealed partial class TerminalSession : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly BridgeLineReader _reader;
    private readonly TimeSpan _requestTimeout;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentDictionary<long, PendingRequest> _pending = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _nextRequestId;
    private int _utcOffsetSeconds;

    internal TerminalSession(Stream stream, BridgeLineReader reader, HelloMessage hello, TimeSpan requestTimeout, ILogger logger)
    {
        _stream = stream;
        _reader = reader;
        _requestTimeout = requestTimeout;
        _logger = logger;
        _utcOffsetSeconds = hello.UtcOffsetSeconds;
        Info = new TerminalInfo(hello.Login, hello.Server, hello.Company, hello.Currency, hello.Leverage, hello.Hedging);
        Completion = Task.Run(ReadLoopAsync);
    }

    public TerminalInfo Info { get; }

    /// <summary>Trade-server time minus UTC, as the terminal last reported it.</summary>
    public int UtcOffsetSeconds => Volatile.Read(ref _utcOffsetSeconds);

    /// <summary>Ends when the connection closes or breaks.</summary>
    public Task Completion { get; }

    /// <summary>Lines the session dropped because they broke the protocol.</summary>
    public long MalformedLines { get; private set; }

    public event Action<SymbolTick>? TickReceived;

    public event Action<AccountMessage>? AccountReceived;

    public long ToUtcMilliseconds(long serverTimeMs) => serverTimeMs - (UtcOffsetSeconds * 1000L);

    public Task SubscribeAsync(IReadOnlyCollection<string> symbols, CancellationToken cancellation) =>
        symbols.Count == 0 ? Task.CompletedTask : WriteAsync(GatewayCommands.Subscribe(symbols), cancellation);

    public async Task<ResultMessage> SendOrderAsync(
        string clientOrderId, string symbol, bool buy, double volume, double stopLoss, double takeProfit, long magic,
        CancellationToken cancellation)
    {
        var id = NextRequestId();
        var line = GatewayCommands.Order(id, clientOrderId, symbol, buy, volume, stopLoss, takeProfit, magic);
        return (ResultMessage)(await RequestAsync(id, line, cancellation).ConfigureAwait(false)).Message;
    }

    public async Task<ResultMessage> ClosePositionAsync(string clientOrderId, long ticket, double volume, CancellationToken cancellation)
    {
        var id = NextRequestId();
        var line = GatewayCommands.Close(id, clientOrderId, ticket, volume);
        return (ResultMessage)(await RequestAsync(id, line, cancellation).ConfigureAwait(false)).Message;
    }

    public async Task<IReadOnlyList<PositionMessage>> GetPositionsAsync(CancellationToken cancellation)
    {
        var id = NextRequestId();
        var (_, positions) = await RequestAsync(id, GatewayCommands.GetPositions(id), cancellation).ConfigureAwait(false);
        return positions;
    }

    public async Task<AccountMessage> GetAccountAsync(CancellationToken cancellation)
    {
        var id = NextRequestId();
        return (AccountMessage)(await RequestAsync(id, GatewayCommands.GetAccount(id), cancellation).ConfigureAwait(false)).Message;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: we cancelled the read loop.
        }

        _stopping.Dispose();
        _writeGate.Dispose();
    }

    private long NextRequestId() => Interlocked.Increment(ref _nextRequestId);

    /// <summary>Sends a request and waits for its answer, with the position lines that came before it, if any.</summary>
    private async Task<(TerminalMessage Message, List<PositionMessage> Positions)> RequestAsync(
        long id, string line, CancellationToken cancellation)
    {
        var pending = new PendingRequest();
        _pending[id] = pending;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _stopping.Token);
        timeout.CancelAfter(_requestTimeout);
        try
        {
            await WriteAsync(line, timeout.Token).ConfigureAwait(false);
            var answer = await pending.Answer.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            return (answer, pending.Positions);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new TerminalUnavailableException($"MT5 terminal did not answer request {id} within {_requestTimeout.TotalSeconds:0.#} s");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task WriteAsync(string line, CancellationToken cancellation)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(line);
        await _writeGate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, cancellation).ConfigureAwait(false);
            await _stream.FlushAsync(cancellation).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new TerminalUnavailableException("MT5 terminal connection broke while sending", e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        Exception? ended = null;
        try
        {
            while (await _reader.ReadLineAsync(_stopping.Token).ConfigureAwait(false) is { } line)
            {
                Dispatch(line);
            }
        }
        catch (Exception e) when (e is IOException or BridgeProtocolException or ObjectDisposedException)
        {
            ended = e;
            LogSessionBroken(_logger, Info.Login, e.Message);
        }
        catch (OperationCanceledException)
        {
            // Session disposed.
        }
        finally
        {
            // A session that broke the protocol is not trusted again: close the connection so the EA reconnects.
            await _stream.DisposeAsync().ConfigureAwait(false);
            foreach (var (id, pending) in _pending)
            {
                pending.Answer.TrySetException(new TerminalUnavailableException(
                    $"MT5 terminal disconnected before answering request {id}", ended ?? new EndOfStreamException()));
            }
        }
    }

    private void Dispatch(BridgeLine line)
    {
        TerminalMessage message;
        try
        {
            message = TerminalMessageParser.Parse(line);
        }
        catch (BridgeProtocolException e)
        {
            MalformedLines++;
            LogMalformedLine(_logger, e.Message);
            return;
        }

        switch (message)
        {
            case TickMessage tick:
                var utc = new Tick(ToUtcMilliseconds(tick.ServerTimeMs), tick.Bid, tick.Ask, tick.Last, tick.Volume, (TickFlags)tick.Flags);
                TickReceived?.Invoke(new SymbolTick(tick.Symbol, utc));
                break;
            case ClockMessage clock:
                Volatile.Write(ref _utcOffsetSeconds, clock.UtcOffsetSeconds);
                break;
            case AccountMessage account:
                AccountReceived?.Invoke(account);
                Answer(account.RequestId, account);
                break;
            case PositionMessage position when _pending.TryGetValue(position.RequestId, out var request):
                request.Positions.Add(position);
                break;
            case PositionsEndMessage end:
                Answer(end.RequestId, end);
                break;
            case ResultMessage result:
                Answer(result.RequestId, result);
                break;
            default:
                break;
        }
    }

    private void Answer(long requestId, TerminalMessage message)
    {
        if (requestId != 0 && _pending.TryGetValue(requestId, out var request))
        {
            request.Answer.TrySetResult(message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MT5 bridge: dropped a malformed line: {Reason}")]
    private static partial void LogMalformedLine(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MT5 bridge: session of account {Login} ended: {Reason}")]
    private static partial void LogSessionBroken(ILogger logger, string login, string reason);

    private sealed class PendingRequest
    {
        public TaskCompletionSource<TerminalMessage> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<PositionMessage> Positions { get; } = [];
    }
}
