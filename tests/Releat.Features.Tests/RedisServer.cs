using System.Diagnostics;
using System.Net.Sockets;
using Releat.Testing;

namespace Releat.Features.Tests;

/// <summary>
/// A private redis-server (Debian's package) on a free loopback port, without persistence, for one test class;
/// stopped when the class's tests are done.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private const string Executable = "/usr/bin/redis-server";
    private readonly Process? _process;

    public RedisServer()
    {
        if (!File.Exists(Executable))
        {
            Problem = $"{Executable} not found: install Debian's redis-server (the README's test command does)";
            return;
        }

        Port = FreePort.Next();
        _process = Process.Start(new ProcessStartInfo(Executable, ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        Problem = $"redis-server did not accept connections on port {Port}";
    }

    public int Port { get; }

    public string? Problem { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
    }
}
