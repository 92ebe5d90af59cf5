using System.Net.Sockets;
using System.Text;
using Releat.Mt5Bridge.Protocol;

namespace Releat.Testing;

/// <summary>
/// Plays the ReleatBridge Expert Advisor's side of PROTOCOL.md over a real TCP connection: it answers the
/// challenge, then the test drives it line by line.
/// </summary>
public sealed class FakeTerminal : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly BridgeLineReader _reader;

    private FakeTerminal(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new BridgeLineReader(_stream);
    }

    /// <summary>WELCOME, or the DENIED line the gateway answered with.</summary>
    public string Greeting { get; private set; } = string.Empty;

    public static async Task<FakeTerminal> ConnectAsync(
        int port, string secret, int utcOffsetSeconds = 7200, string login = "5001234", string marginMode = "hedging", string tradeMode = "demo")
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var terminal = new FakeTerminal(client);
        var challenge = await terminal.ReadLineAsync() ?? throw new InvalidOperationException("no challenge");
        var nonce = challenge.Split('\t')[2];
        await terminal.SendAsync(
            $"HELLO\t{BridgeHandshake.ProtocolVersion}\t{BridgeHandshake.Proof(secret, nonce)}\t{login}\tDemo-Server\tBroker Ltd\tUSD\t100\t{marginMode}\t{tradeMode}\t{utcOffsetSeconds}");
        terminal.Greeting = await terminal.ReadLineAsync() ?? string.Empty;
        return terminal;
    }

    public static async Task<FakeTerminal> ConnectRawAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        return new FakeTerminal(client);
    }

    public async Task SendAsync(string line)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
        await _stream.FlushAsync();
    }

    public async Task SendRawAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>The next line from the gateway, or null when it closed the connection; throws if none comes in time.</summary>
    public async Task<string?> ReadLineAsync(int timeoutMs = 30_000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        try
        {
            return (await _reader.ReadLineAsync(timeout.Token))?.Text;
        }
        catch (IOException)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the gateway sent nothing within {timeoutMs} ms");
        }
    }

    /// <summary>True when the gateway stays silent (and connected) for the whole time given.</summary>
    public async Task<bool> StaysSilentAsync(int milliseconds)
    {
        try
        {
            await ReadLineAsync(milliseconds);
            return false;
        }
        catch (TimeoutException)
        {
            return true;
        }
    }

    /// <summary>Reads lines until one of this type arrives, and returns its fields.</summary>
    public async Task<string[]> ExpectAsync(string type)
    {
        while (await ReadLineAsync() is { } line)
        {
            var fields = line.Split('\t');
            if (fields[0] == type)
            {
                return fields;
            }
        }

        throw new InvalidOperationException($"connection closed while waiting for {type}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }
}
