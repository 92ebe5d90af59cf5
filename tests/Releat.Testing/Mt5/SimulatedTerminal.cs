using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Releat.Mt5Bridge.Protocol;

namespace Releat.Testing.Mt5;

/// <summary>
/// ReleatBridge.mq5's command handling ported to C# line for line, over a <see cref="FakeTradeServer"/> whose
/// behaviour the test scripts (<see cref="TerminalScript"/>): the journal of client order ids, the look-up before any
/// trade (journal, history deals by comment or order ticket, open positions, placed orders), the bounded wait for the
/// deal after OrderSend, closing by position identifier, volume rounding, and an ERROR at once for a malformed command.
/// Commands are handled one at a time, as the EA's OnTimer does.
/// </summary>
public sealed class SimulatedTerminal : IAsyncDisposable
{
    private const double VolumeStep = 0.01;
    private const double VolumeMin = 0.01;
    private const double VolumeMax = 50;

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly BridgeLineReader _reader;
    private readonly FakeTradeServer _server;
    private readonly EaMemory _memory;
    private readonly int _utcOffsetSeconds;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private Task _loop = Task.CompletedTask;

    private SimulatedTerminal(TcpClient client, FakeTradeServer server, EaMemory memory, int utcOffsetSeconds)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new BridgeLineReader(_stream);
        _server = server;
        _memory = memory;
        _utcOffsetSeconds = utcOffsetSeconds;
    }

    public TerminalScript Script { get; } = new();

    /// <summary>WELCOME, or the DENIED line the gateway answered with.</summary>
    public string Greeting { get; private set; } = string.Empty;

    /// <summary>Every command the gateway sent, in order.</summary>
    public ConcurrentQueue<string> Received { get; } = new();

    /// <summary>Broker symbol names the terminal knows.</summary>
    public HashSet<string> Symbols { get; } = new(StringComparer.Ordinal) { "EURUSD" };

    public int Count(string type) => Received.Count(l => l.StartsWith(type + "\t", StringComparison.Ordinal));

    public static async Task<SimulatedTerminal> ConnectAsync(
        int port, string secret, FakeTradeServer server, EaMemory? memory = null, string login = "5001234",
        string tradeMode = "demo", int utcOffsetSeconds = 7200)
    {
        ArgumentNullException.ThrowIfNull(server);
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var terminal = new SimulatedTerminal(client, server, memory ?? new EaMemory(), utcOffsetSeconds);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var challenge = await terminal._reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("no challenge");
        var nonce = challenge.Text.Split('\t')[2];
        await terminal.SendAsync(string.Join('\t', "HELLO", BridgeHandshake.ProtocolVersion, BridgeHandshake.Proof(secret, nonce), login,
            "Demo-Server", "Broker Ltd", "USD", 100, server.Hedging ? "hedging" : "netting", tradeMode, utcOffsetSeconds));
        terminal.Greeting = (await terminal._reader.ReadLineAsync(timeout.Token))?.Text ?? string.Empty;
        if (terminal.Greeting == "WELCOME")
        {
            terminal._loop = Task.Run(terminal.RunAsync);
        }

        return terminal;
    }

    public Task SendAsync(string line) => WriteAsync(line);

    /// <summary>Drops the connection without a word (a crash, a network cut).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _client.Dispose();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The connection is gone: that is the point.
        }

        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            while (await _reader.ReadLineAsync(_stopping.Token) is { } line)
            {
                Received.Enqueue(line.Text);
                await HandleAsync(line.Text.Split('\t'));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or SocketException)
        {
            // Disconnected.
        }
    }

    private async Task HandleAsync(string[] f)
    {
        var id = f.Length > 1 && long.TryParse(f[1], CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        switch (f[0])
        {
            case "SUBSCRIBE":
                foreach (var symbol in f.Skip(1).Where(s => !Symbols.Contains(s)))
                {
                    await WriteAsync($"ERROR\t0\tunknown symbol {symbol}");
                }

                break;
            case "ORDER" when f.Length == 9 && id > 0 && Real(f[5]) is { } volume && Real(f[6]) is not null && Real(f[7]) is not null
                && f[4] is "buy" or "sell" && long.TryParse(f[8], CultureInfo.InvariantCulture, out var magic):
                await OrderAsync(id, f[2], f[3], f[4] == "buy", volume, magic, positionId: 0);
                break;
            case "CLOSE" when f.Length == 5 && id > 0 && long.TryParse(f[3], CultureInfo.InvariantCulture, out var positionId) && Real(f[4]) is { } closeVolume:
                await CloseAsync(id, f[2], positionId, closeVolume);
                break;
            case "FIND" when f.Length == 3 && id > 0:
                await WriteAsync(Lookup(f[2]) is { } found ? ResultLine(id, f[2], found) : $"NOT_FOUND\t{id}\t{f[2]}");
                break;
            case "GET_POSITIONS" when f.Length == 2 && id > 0:
                await SendPositionsAsync(id);
                break;
            case "GET_ACCOUNT" when f.Length == 2 && id > 0:
                await WriteAsync($"ACCOUNT\t{id}\t10000.00\t10000.00\t0.00\t10000.00\t0.00");
                break;
            case "PING" when f.Length == 2:
                await WriteAsync("PONG\t" + f[1]);
                break;
            default:
                await WriteAsync($"ERROR\t{id}\tmalformed {f[0]} ({f.Length - 1} fields)");
                break;
        }
    }

    private async Task CloseAsync(long id, string clientOrderId, long positionId, double volume)
    {
        var position = _server.Positions.FirstOrDefault(p => p.Identifier == positionId);
        if (Lookup(clientOrderId) is null && position is null && _memory.Get(clientOrderId) is null)
        {
            await WriteAsync(ResultLine(id, clientOrderId, Refusal(TradeRetcodes.PositionClosed, $"no open position with identifier {positionId}")));
            return;
        }

        await OrderAsync(id, clientOrderId, position?.Symbol ?? "", !(position?.Buy ?? true),
            volume > 0 ? volume : position?.Volume ?? 0, position?.Magic ?? 0, positionId);
    }

    private async Task OrderAsync(long id, string clientOrderId, string symbol, bool buy, double volume, long magic, long positionId)
    {
        if (Lookup(clientOrderId) is { } known)
        {
            await WriteAsync(ResultLine(id, clientOrderId, known));
            return;
        }

        if (_memory.Get(clientOrderId) is { } earlier)
        {
            await WriteAsync(ResultLine(id, clientOrderId, Refusal(earlier.Retcode, $"an earlier OrderSend ended with {earlier.Retcode}; not sent again")));
            return;
        }

        var lots = Math.Round(Math.Round(volume / VolumeStep) * VolumeStep, 8);
        if (!Symbols.Contains(symbol) || lots < VolumeMin || lots > VolumeMax)
        {
            var reason = Symbols.Contains(symbol) ? $"volume {volume} outside {VolumeMin}..{VolumeMax}" : $"unknown symbol {symbol}";
            await WriteAsync(ResultLine(id, clientOrderId, Refusal(Symbols.Contains(symbol) ? TradeRetcodes.InvalidVolume : TradeRetcodes.Invalid, reason)));
            return;
        }

        _memory.Set(clientOrderId, new EaMemoryEntry(EaMemoryEntry.Started, 0, 0, magic, null));
        Script.OrderSends++;
        if (Script.Hold is { } hold)
        {
            Script.Holding.TrySetResult();
            await hold.WaitAsync(_stopping.Token);
        }

        var send = Script.Next();
        long order = 0;
        if (send.Retcode == TradeRetcodes.Placed)
        {
            order = _server.Place(symbol, buy, lots, magic, clientOrderId).Ticket;
        }
        else if (send.Executes || send.Retcode is TradeRetcodes.Done or TradeRetcodes.DonePartial)
        {
            order = _server.Deal(symbol, buy, Math.Round(lots * send.Fraction, 8), magic, clientOrderId, positionId).Order;
        }

        var meaning = TradeRetcodes.Meaning(send.Retcode);
        if (meaning is RetcodeMeaning.Transient or RetcodeMeaning.Refused)
        {
            _memory.Forget(clientOrderId);
            await WriteAsync(ResultLine(id, clientOrderId, Refusal(send.Retcode, "refused by the server")));
            return;
        }

        _memory.Set(clientOrderId, new EaMemoryEntry(EaMemoryEntry.Unknown, send.Retcode, order, magic, null));
        var answer = meaning is RetcodeMeaning.Filled or RetcodeMeaning.PartlyFilled ? FromDeals(clientOrderId, order, send.Retcode) : null;
        await WriteAsync(ResultLine(id, clientOrderId, answer ?? new EaResult(
            send.Retcode, order, 0, 0, 0, ServerNowMs(), 0, 0, 0, 0, meaning == RetcodeMeaning.Pending ? "placed" : "deal not yet in history")));
    }

    /// <summary>What is known of a client order id, without trading: the EA's FIND and its check before every OrderSend.</summary>
    private EaResult? Lookup(string clientOrderId)
    {
        var entry = _memory.Get(clientOrderId);
        if (entry is { State: EaMemoryEntry.Filled, Answer: { } remembered })
        {
            return remembered;
        }

        var order = entry?.Order ?? 0;
        if (FromDeals(clientOrderId, order, entry?.Retcode == TradeRetcodes.DonePartial ? TradeRetcodes.DonePartial : TradeRetcodes.Done) is { } dealt)
        {
            return dealt;
        }

        if (_server.Positions.FirstOrDefault(p => p.Comment == clientOrderId || (order != 0 && p.Identifier == order)) is { } open)
        {
            return new EaResult(TradeRetcodes.Done, order, 0, open.Volume, open.OpenPrice, open.OpenTimeMs + (_utcOffsetSeconds * 1000L),
                open.Identifier, 0, 0, 0, "from the open position; history not synced yet");
        }

        if (_server.PlacedOrders.FirstOrDefault(o => o.Comment == clientOrderId || o.Ticket == order) is { } placed)
        {
            return new EaResult(TradeRetcodes.Placed, placed.Ticket, 0, 0, 0, ServerNowMs(), 0, 0, 0, 0, "placed");
        }

        return entry switch
        {
            { State: EaMemoryEntry.Started } => new EaResult(0, 0, 0, 0, 0, ServerNowMs(), 0, 0, 0, 0, "sent before a restart; no trace yet"),
            { Retcode: TradeRetcodes.Done or TradeRetcodes.DonePartial } =>
                new EaResult(entry.Retcode, order, 0, 0, 0, ServerNowMs(), 0, 0, 0, 0, "done; deal not yet in history"),
            _ => null,
        };
    }

    /// <summary>The order's deals the history shows (by comment, or by order ticket when the server rewrote the comment), summed.</summary>
    private EaResult? FromDeals(string clientOrderId, long order, int retcode)
    {
        var deals = _server.VisibleDeals.Where(d => d.Comment == clientOrderId || (order != 0 && d.Order == order)).ToList();
        if (deals.Count == 0)
        {
            return null;
        }

        var volume = deals.Sum(d => d.Volume);
        var result = new EaResult(retcode, deals[^1].Order, deals[^1].Ticket, volume, deals.Sum(d => d.Price * d.Volume) / volume,
            deals[^1].TimeMs + (_utcOffsetSeconds * 1000L), deals[0].PositionId, deals.Sum(d => d.Profit), deals.Sum(d => d.Commission),
            deals.Sum(d => d.Swap), clientOrderId);
        _memory.Set(clientOrderId, new EaMemoryEntry(EaMemoryEntry.Filled, retcode, result.Order, deals[0].Magic, result));
        return result;
    }

    private async Task SendPositionsAsync(long id)
    {
        var positions = _server.Positions;
        foreach (var p in positions)
        {
            await WriteAsync(string.Join('\t', "POSITION", id, p.Ticket, p.Identifier, p.Symbol, p.Buy ? "buy" : "sell", N(p.Volume),
                N(p.OpenPrice), p.OpenTimeMs + (_utcOffsetSeconds * 1000L), 0, 0, N(p.Buy ? _server.Bid : _server.Ask), "0.00", "0.00", p.Magic, p.Comment));
        }

        await WriteAsync($"POSITIONS_END\t{id}\t{positions.Count}");
    }

    private EaResult Refusal(int retcode, string comment) => new(retcode, 0, 0, 0, 0, ServerNowMs(), 0, 0, 0, 0, comment);

    private static string ResultLine(long id, string clientOrderId, EaResult r) => string.Join('\t', "RESULT", id, clientOrderId, r.Retcode,
        r.Order, r.Deal, N(r.Volume), N(r.Price), r.TimeMs, r.PositionId, N(r.Profit), N(r.Commission), N(r.Swap), r.Comment);

    private long ServerNowMs() => _server.Clock.GetUtcNow().ToUnixTimeMilliseconds() + (_utcOffsetSeconds * 1000L);

    private static string N(double value) => value.ToString("0.########", CultureInfo.InvariantCulture);

    private static double? Real(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private async Task WriteAsync(string line)
    {
        await _writeGate.WaitAsync();
        try
        {
            await _stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
            await _stream.FlushAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
