using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Releat.MarketData.Feeds;
using Releat.MarketData.Model;
using Releat.Mt5Bridge.Protocol;

namespace Releat.Mt5Bridge.Terminal;

/// <summary>
/// One authenticated connection to a terminal: reads its lines, turns ticks into UTC and broker symbols into ours,
/// and matches answers to the requests that asked for them. Every RESULT is also raised as
/// <see cref="ResultReceived"/>, so one that comes after its request gave up is still kept. A malformed line is
/// logged with its line number and dropped; a broken stream ends the session and fails every pending request.
/// </summary>
public sealed partial class TerminalSession : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly BridgeLineReader _reader;
    private readonly TimeSpan _requestTimeout;
    private readonly TimeProvider _time;
    private readonly BrokerSymbols _symbols;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentDictionary<long, PendingRequest> _pending = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _nextRequestId;
    private long _lastHeardTicks;
    private volatile bool _closing;

    internal TerminalSession(
        Stream stream, BridgeLineReader reader, HelloMessage hello, ServerClock clock, BrokerSymbols symbols,
        TimeSpan requestTimeout, TimeProvider time, ILogger logger)
    {
        _stream = stream;
        _reader = reader;
        _requestTimeout = requestTimeout;
        _time = time;
        _symbols = symbols;
        _logger = logger;
        Clock = clock;
        _lastHeardTicks = time.GetUtcNow().UtcTicks;
        Info = new TerminalInfo(hello.Login, hello.Server, hello.Company, hello.Currency, hello.Leverage, hello.Hedging)
        {
            MarginMode = hello.MarginMode,
            TradeMode = hello.TradeMode,
        };
        Completion = Task.Run(ReadLoopAsync);
    }

    public TerminalInfo Info { get; }

    /// <summary>Converts the server's times to UTC (the broker's rules, or the offset the EA reports).</summary>
    public ServerClock Clock { get; }

    /// <summary>Trade-server time minus UTC, as the terminal last reported it.</summary>
    public int UtcOffsetSeconds => Clock.ReportedOffsetSeconds;

    /// <summary>When the terminal last sent anything (the EA sends ACCOUNT every few seconds).</summary>
    public DateTimeOffset LastHeard => new(Interlocked.Read(ref _lastHeardTicks), TimeSpan.Zero);

    /// <summary>Ends when the connection closes or breaks.</summary>
    public Task Completion { get; }

    /// <summary>
    /// Whether the connection is still up. False from the moment the session starts closing it, before
    /// <see cref="Completion"/> completes: an EA that sees its connection end may reconnect at once and must not be
    /// refused as a second terminal by a session that is only finishing its clean-up.
    /// </summary>
    public bool IsOpen => !_closing && !Completion.IsCompleted;

    /// <summary>Lines the session dropped because they broke the protocol.</summary>
    public long MalformedLines { get; private set; }

    public event Action<SymbolTick>? TickReceived;

    public event Action<AccountMessage>? AccountReceived;

    /// <summary>Every RESULT, answered in time or late.</summary>
    public event Action<ResultMessage>? ResultReceived;

    /// <summary>ERROR lines about no request (e.g. a symbol the broker does not know).</summary>
    public event Action<string>? TerminalError;

    public long ToUtcMilliseconds(long serverTimeMs) => Clock.ToUtcMilliseconds(serverTimeMs);

    public Task SubscribeAsync(IReadOnlyCollection<string> symbols, CancellationToken cancellation) =>
        symbols.Count == 0 ? Task.CompletedTask : WriteAsync(GatewayCommands.Subscribe(symbols.Select(_symbols.ToBroker)), cancellation);

    /// <summary>One ORDER line and its RESULT; an ERROR answer becomes a refusal (retcode 10013) that traded nothing.</summary>
    public async Task<ResultMessage> SendOrderAsync(
        string clientOrderId, string symbol, bool buy, double volume, double stopLoss, double takeProfit, long magic,
        CancellationToken cancellation)
    {
        var id = NextRequestId();
        var line = GatewayCommands.Order(id, clientOrderId, _symbols.ToBroker(symbol), buy, volume, stopLoss, takeProfit, magic);
        return AsResult(clientOrderId, (await RequestAsync(id, line, cancellation).ConfigureAwait(false)).Message);
    }

    /// <summary>One CLOSE line by position identifier and its RESULT.</summary>
    public async Task<ResultMessage> ClosePositionAsync(string clientOrderId, long positionId, double volume, CancellationToken cancellation)
    {
        var id = NextRequestId();
        var line = GatewayCommands.Close(id, clientOrderId, positionId, volume);
        return AsResult(clientOrderId, (await RequestAsync(id, line, cancellation).ConfigureAwait(false)).Message);
    }

    /// <summary>What the terminal knows of this client order id: its RESULT, or null when nothing traded under it.</summary>
    public async Task<ResultMessage?> FindAsync(string clientOrderId, CancellationToken cancellation)
    {
        var id = NextRequestId();
        var answer = (await RequestAsync(id, GatewayCommands.Find(id, clientOrderId), cancellation).ConfigureAwait(false)).Message;
        return answer is NotFoundMessage ? null : AsResult(clientOrderId, answer);
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

    private static ResultMessage AsResult(string clientOrderId, TerminalMessage answer) => answer switch
    {
        ResultMessage result => result,
        ErrorMessage error => new ResultMessage(
            error.RequestId, clientOrderId, TradeRetcodes.Invalid, 0, 0, 0, 0, 0, 0, 0, 0, 0, "refused by the EA: " + error.Reason),
        _ => throw new BridgeProtocolException($"MT5 bridge: the terminal answered request {clientOrderId} with {answer.GetType().Name}"),
    };

    private long NextRequestId() => Interlocked.Increment(ref _nextRequestId);

    /// <summary>Sends a request and waits for its answer, with the position lines that came before it, if any.</summary>
    private async Task<(TerminalMessage Message, List<PositionMessage> Positions)> RequestAsync(
        long id, string line, CancellationToken cancellation)
    {
        var pending = new PendingRequest();
        _pending[id] = pending;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _stopping.Token);
        try
        {
            await WriteAsync(line, linked.Token).ConfigureAwait(false);
            var answer = await pending.Answer.Task.WaitAsync(_requestTimeout, _time, linked.Token).ConfigureAwait(false);
            return (answer, pending.Positions);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !cancellation.IsCancellationRequested))
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
        catch (Exception e) when (e is IOException or ObjectDisposedException)
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
                Interlocked.Exchange(ref _lastHeardTicks, _time.GetUtcNow().UtcTicks);
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
            _closing = true;
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
                TickReceived?.Invoke(new SymbolTick(_symbols.FromBroker(tick.Symbol), utc));
                break;
            case ClockMessage clock:
                Clock.Report(clock.UtcOffsetSeconds);
                break;
            case AccountMessage account:
                AccountReceived?.Invoke(account);
                Answer(account.RequestId, account);
                break;
            case PositionMessage position when _pending.TryGetValue(position.RequestId, out var request):
                request.Positions.Add(position with { Symbol = _symbols.FromBroker(position.Symbol) });
                break;
            case PositionsEndMessage end:
                Answer(end.RequestId, end);
                break;
            case ResultMessage result:
                ResultReceived?.Invoke(result);
                Answer(result.RequestId, result);
                break;
            case NotFoundMessage notFound:
                Answer(notFound.RequestId, notFound);
                break;
            case ErrorMessage error when error.RequestId == 0:
                LogTerminalError(_logger, Info.Login, error.Reason);
                TerminalError?.Invoke(error.Reason);
                break;
            case ErrorMessage error:
                Answer(error.RequestId, error);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "MT5 terminal of account {Login} reports: {Reason}")]
    private static partial void LogTerminalError(ILogger logger, string login, string reason);

    private sealed class PendingRequest
    {
        public TaskCompletionSource<TerminalMessage> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<PositionMessage> Positions { get; } = [];
    }
}
