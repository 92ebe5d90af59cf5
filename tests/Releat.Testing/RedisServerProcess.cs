using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Releat.Testing;

/// <summary>
/// A private redis-server (Debian's package) on a free loopback port with its own data folder and append-only file
/// fsync'd on every write, so it can be killed and started again on the same port with nothing acknowledged lost.
/// </summary>
public sealed class RedisServerProcess : IDisposable
{
    public const string Executable = "/usr/bin/redis-server";

    private readonly string[] _extraArguments;
    private readonly bool _tls;
    private Process? _process;

    private RedisServerProcess(string folder, int port, string[] extraArguments, bool tls = false)
    {
        Folder = folder;
        Port = port;
        _extraArguments = extraArguments;
        _tls = tls;
    }

    public int Port { get; }

    public string Folder { get; }

    public string Address => $"127.0.0.1:{Port}";

    public static bool IsInstalled => File.Exists(Executable);

    /// <summary>Starts a server; extra arguments are redis-server options such as "--requirepass", "secret".</summary>
    public static RedisServerProcess Start(params string[] extraArguments)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"{Executable} not found: install Debian's redis-server (the README's test command does).");
        }

        var folder = Path.Combine(Path.GetTempPath(), "releat-redis", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return LaunchOnFreePort(port => new RedisServerProcess(folder, port, extraArguments));
    }

    /// <summary>
    /// Starts a server whose users are the given ACL file lines (written 0600 into its folder and loaded with
    /// --aclfile, so they survive <see cref="Restart"/> as a deployment's do).
    /// </summary>
    public static RedisServerProcess StartWithAcl(IEnumerable<string> aclLines)
    {
        ArgumentNullException.ThrowIfNull(aclLines);
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"{Executable} not found: install Debian's redis-server (the README's test command does).");
        }

        var folder = Path.Combine(Path.GetTempPath(), "releat-redis", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        string aclFile = Path.Combine(folder, "users.acl");
        File.WriteAllLines(aclFile, aclLines);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(aclFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return LaunchOnFreePort(port => new RedisServerProcess(folder, port, ["--aclfile", aclFile]));
    }

    /// <summary>
    /// Starts a server that speaks only TLS on <see cref="Port"/>, with the given PEM certificate and key (clients are
    /// not asked for certificates).
    /// </summary>
    public static RedisServerProcess StartTls(string certificatePem, string keyPem)
    {
        var folder = Path.Combine(Path.GetTempPath(), "releat-redis", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return LaunchOnFreePort(port =>
        {
            string[] tls =
            [
                "--tls-port", port.ToString(CultureInfo.InvariantCulture), "--tls-cert-file", certificatePem, "--tls-key-file", keyPem,
                "--tls-auth-clients", "no",
            ];
            return new RedisServerProcess(folder, port, tls, tls: true);
        });
    }

    /// <summary>Kills the server without warning (SIGKILL, as a crash) and starts it again on the same port and data.</summary>
    public void Restart(TimeSpan downtime = default)
    {
        Kill();
        if (downtime > TimeSpan.Zero)
        {
            Thread.Sleep(downtime);
        }

        Launch();
    }

    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>
    /// Starts a first server; a port chosen free can still be taken before redis-server binds it (FreePort says why
    /// that is rare), and redis-server then exits at once, so it starts again on a fresh port.
    /// </summary>
    private static RedisServerProcess LaunchOnFreePort(Func<int, RedisServerProcess> create)
    {
        for (int attempt = 1; ; attempt++)
        {
            var server = create(FreePort.Next());
            try
            {
                server.Launch();
                return server;
            }
            catch (RedisExitedAtStartException) when (attempt < 3)
            {
                server.Kill();
            }
        }
    }

    private void Launch()
    {
        string[] arguments =
        [
            "--port", _tls ? "0" : Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", Folder,
            "--save", "", "--appendonly", "yes", "--appendfsync", "always", .. _extraArguments,
        ];
        var start = new ProcessStartInfo(Executable, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitUntilServing();
    }

    /// <summary>Waits until the server answers PING with PONG (not LOADING, which it says while replaying its file).</summary>
    private void WaitUntilServing()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new RedisExitedAtStartException($"redis-server exited with {_process.ExitCode} on port {Port}");
            }

            try
            {
                using var client = new TcpClient("127.0.0.1", Port);
                if (_tls)
                {
                    // Listening is enough here: a TLS server is started fresh, with no file to load first.
                    return;
                }

                using var stream = client.GetStream();
                stream.Write("PING\r\n"u8);
                var buffer = new byte[64];
                int read = stream.Read(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal)
                    || Encoding.ASCII.GetString(buffer, 0, read).StartsWith("-NOAUTH", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
                // Not listening yet.
            }
            catch (IOException)
            {
                // Closed while starting.
            }

            Thread.Sleep(50);
        }

        throw new TimeoutException($"redis-server on port {Port} did not answer PING within 20 s");
    }
}
