using System.Diagnostics;
using System.Text;
namespace Releat.Testing;

/// <summary>
/// One service host started as its own process on free loopback ports, as it runs in production,
/// and stopped with SIGTERM so graceful shutdown is exercised too.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private static readonly string[] Configurations = ["Release", "Debug"];

    /// <summary>
    /// How long a service may take to answer /healthz: seconds normally, but on a 2-core machine running test
    /// assemblies side by side beside other builds a start was seen to take over a minute (repeat-tests --stress).
    /// </summary>
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly ProcessStartInfo _start;
    private readonly StringBuilder _output = new();

    private ServiceProcess(ProcessStartInfo start, int grpcPort, int httpPort)
    {
        _start = start;
        var process = Process.Start(start)!;
        _process = process;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int GrpcPort { get; }

    public int HttpPort { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    public Uri HttpAddress => new($"http://127.0.0.1:{HttpPort}");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts services/&lt;folder&gt;/bin/.../&lt;project&gt;.dll with extra environment (configuration) values, from its
    /// own folder unless <paramref name="workingDirectory"/> says otherwise (where its appsettings.json is not found).
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(
        string folder, string project, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var dll = FindBuiltAssembly(folder, project);

        // A port chosen free can still be taken before the child binds it (FreePort says why that is rare); the
        // service then exits at start with Kestrel's "address already in use", and it starts again on fresh ports.
        for (int attempt = 1; ; attempt++)
        {
            var start = StartInfo(dll, environment, workingDirectory, out int grpcPort, out int httpPort);
            var service = new ServiceProcess(start, grpcPort, httpPort);
            try
            {
                await service.WaitUntilHealthyAsync(StartPatience).ConfigureAwait(false);
                return service;
            }
            catch (InvalidOperationException) when (attempt < 3 && service.FailedToBind)
            {
                await service.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Kills this process without warning (SIGKILL, as a crash) and waits until it is gone.</summary>
    public async Task KillAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// The same program, environment (with <paramref name="changes"/>) and ports started again (after
    /// <see cref="KillAsync"/>), once healthy.
    /// </summary>
    public async Task<ServiceProcess> StartAgainAsync(IReadOnlyDictionary<string, string>? changes = null)
    {
        foreach (var (key, value) in changes ?? new Dictionary<string, string>())
        {
            _start.Environment[key] = value;
        }

        var service = new ServiceProcess(_start, GrpcPort, HttpPort);
        await service.WaitUntilHealthyAsync(StartPatience).ConfigureAwait(false);
        return service;
    }

    /// <summary>Waits for the process to exit by itself; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Sends SIGTERM and waits for the process to exit; returns its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync().ConfigureAwait(false);
        }

        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(
        string dll, IReadOnlyDictionary<string, string>? environment, string? workingDirectory, out int grpcPort, out int httpPort)
    {
        grpcPort = FreePort.Next();
        httpPort = FreePort.Next();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}";
        start.Environment["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        // Whatever the service stores goes to a folder of its own, never into the build output or the user's data.
        start.Environment["RELEAT_HOME"] = Path.Combine(Path.GetTempPath(), "releat-service-tests", Guid.NewGuid().ToString("N"));
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private bool FailedToBind
    {
        get
        {
            if (!_process.HasExited)
            {
                return false;
            }

            // The parameterless wait returns once the redirected output has been read to its end.
            _process.WaitForExit();
            return Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase);
        }
    }

    private static string FindBuiltAssembly(string folder, string project)
    {
        // The test project references the service projects (without their outputs), so they are built in the
        // same configuration; take the newest build in case both Debug and Release exist.
        var candidates = Configurations
            .Select(c => Path.Combine(RepositoryRoot.Path, "services", folder, "bin", c, "net10.0", project + ".dll"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .ToList();
        return candidates.Count > 0
            ? candidates[0]
            : throw new FileNotFoundException($"{project}.dll is not built under services/{folder}/bin; build the solution first.");
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // HasExited turns true before the redirected output is read to its end: without this wait the message
                // (which tests read for the service's own refusal) could be empty (repeat-tests --stress, exit 134).
                _process.WaitForExit();
                throw new InvalidOperationException($"Service exited with {_process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(HttpAddress, "/healthz")).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new TimeoutException($"Service not healthy after {timeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
