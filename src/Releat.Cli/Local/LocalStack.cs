using System.Globalization;
using System.Net.Sockets;
using Releat.Cli.Commands;

namespace Releat.Cli.Local;

/// <summary>
/// The live path as separate local processes: redis-server (ACL users, append-only file) and the five service hosts,
/// each detached with its own log under RELEAT_HOME/run/logs, on loopback (so no tokens are needed). It starts them
/// (keeping those a previous start left running) and starts one again; <see cref="StackSupervisor"/> watches them.
/// The gateway plays the simulated market from <see cref="LocalStackOptions.MarketStart"/> at the chosen speed;
/// signal and trader run the agent over Redis.
/// </summary>
internal sealed class LocalStack(LocalStackOptions options, Action<string> say)
{
    public const string RedisExecutable = "/usr/bin/redis-server";
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(90);

    private readonly Dictionary<string, string> _dlls = new(StringComparer.Ordinal);
    private LocalRedisUsers? _redisUsers;

    private string RunDirectory => LocalStackState.RunDirectory(options.Home);

    private string LogOf(string name) => Path.Combine(RunDirectory, "logs", name + ".log");

    /// <summary>
    /// Brings the stack up: the processes a previous start left running are kept (watched by pid), the missing ones
    /// are started, Redis first; returns once Redis listens and every service is healthy.
    /// </summary>
    public async Task<IReadOnlyList<SupervisedProcess>> StartAsync(CancellationToken cancellation)
    {
        if (!File.Exists(RedisExecutable))
        {
            throw new InvalidOperationException($"{RedisExecutable} not found: install redis-server (sudo apt-get install redis-server)");
        }

        foreach (var service in LocalService.All)
        {
            _dlls[service.Folder] = await ServiceLauncher.LocateAsync(service.Folder, service.Project, cancellation).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"cannot find or build {service.Project}; run from a checkout with ./releat, or set RELEAT_SERVICES");
        }

        var living = (LocalStackState.Read(options.Home)?.Processes ?? [])
            .Where(p => DetachedProcess.IsAlive(p.Pid, p.Name))
            .ToDictionary(p => p.Name, StringComparer.Ordinal);
        _redisUsers = living.Count > 0 && File.Exists(RedisConfig) && LocalRedisUsers.Open(RunDirectory) is { } kept ? kept : WriteRedisConfig();
        var processes = new List<SupervisedProcess>();
        try
        {
            foreach (string name in Names)
            {
                if (living.TryGetValue(name, out var running))
                {
                    processes.Add(SupervisedProcess.Adopt(running, DateTime.UtcNow));
                    say($"{name,-16} pid {running.Pid,-7} still running: kept");
                }
                else
                {
                    var process = new SupervisedProcess(name, LogOf(name), HealthOf(name));
                    var (pid, child) = Launch(name);
                    process.Started(pid, child, DateTime.UtcNow);
                    processes.Add(process);
                }

                if (name == "redis")
                {
                    await WaitForPortAsync(options.RedisPort, processes[0], cancellation).ConfigureAwait(false);
                }
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            foreach (var process in processes.Where(p => p.Health is not null))
            {
                await WaitForHealthAsync(http, process, cancellation).ConfigureAwait(false);
                say($"{process.Name,-16} pid {process.Pid,-7} healthy   log {process.Log}");
            }
        }
        catch
        {
            foreach (var process in Enumerable.Reverse(processes))
            {
                await DetachedProcess.StopAsync(process.Pid, process.Name, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                process.Release();
            }

            throw;
        }

        return processes;
    }

    /// <summary>Starts one process of the stack ("redis" or a service folder) as the first start did.</summary>
    public (int Pid, System.Diagnostics.Process? Child) Launch(string name)
    {
        if (name == "redis")
        {
            return DetachedProcess.StartChild(RedisExecutable, [RedisConfig], LogOf("redis"), new Dictionary<string, string>(), RunDirectory);
        }

        var service = LocalService.Named(name);
        return DetachedProcess.StartChild(
            "dotnet", [_dlls[name]], LogOf(name), EnvironmentOf(service, _redisUsers ?? LocalRedisUsers.Open(RunDirectory) ?? throw new InvalidOperationException($"{RunDirectory}: no Redis users; releat stop, then releat start")), Path.GetDirectoryName(_dlls[name])!);
    }

    /// <summary>Stops what the stack file lists: the supervisor (which stops the rest, the trader first and Redis last), then whatever still runs.</summary>
    public static async Task<bool> StopAsync(string home, Action<string> say)
    {
        var state = LocalStackState.Read(home);
        if (state is null)
        {
            return false;
        }

        if (state.SupervisorPid is int supervisor && DetachedProcess.IsAlive(supervisor, StackSupervisor.Marker))
        {
            bool stopped = await DetachedProcess.StopAsync(supervisor, StackSupervisor.Marker, TimeSpan.FromSeconds(120)).ConfigureAwait(false);
            say($"{"supervisor",-16} pid {supervisor,-7} {(stopped ? "stopped" : "killed after 120 s")}");
        }

        foreach (var process in Enumerable.Reverse(state.Processes))
        {
            await StopOneAsync(process.Name, process.Pid, say).ConfigureAwait(false);
        }

        File.Delete(LocalStackState.FileOf(home));
        return true;
    }

    /// <summary>Stops the processes in reverse order of start (the trader first, Redis last).</summary>
    public static async Task StopAllAsync(IReadOnlyList<SupervisedProcess> processes, Action<string> say)
    {
        foreach (var process in Enumerable.Reverse(processes))
        {
            await StopOneAsync(process.Name, process.Pid, say).ConfigureAwait(false);
            process.Release();
        }
    }

    private static async Task StopOneAsync(string name, int pid, Action<string> say)
    {
        bool graceful = await DetachedProcess.StopAsync(pid, name, TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        say($"{name,-16} pid {pid,-7} {(graceful ? "stopped" : "killed after 20 s")}");
    }

    private static IEnumerable<string> Names => ["redis", .. LocalService.All.Select(s => s.Folder)];

    private string RedisConfig => Path.Combine(RunDirectory, "redis.conf");

    private static string? HealthOf(string name) => name == "redis" ? null : LocalService.Named(name).HealthAddress.ToString();

    /// <summary>
    /// Redis on loopback with one ACL user per service (fresh random passwords in 0600 files, not on a command line),
    /// its config kept in a 0600 file too.
    /// </summary>
    private LocalRedisUsers WriteRedisConfig()
    {
        string folder = Path.Combine(RunDirectory, "redis");
        Directory.CreateDirectory(folder);
        var users = LocalRedisUsers.Write(RunDirectory, options.AgentId);
        string config = RedisConfig;
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $"""
            # Written by releat start: loopback only, one ACL user per service, and an append-only file so signals survive a restart.
            bind 127.0.0.1
            port {options.RedisPort}
            aclfile {users.AclFile}
            appendonly yes
            appendfsync everysec
            dir {folder}

            """));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return users;
    }

    private Dictionary<string, string> EnvironmentOf(LocalService service, LocalRedisUsers redisUsers)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["RELEAT_HOME"] = options.Home,
            ["RELEAT_AGENTS"] = Path.Combine(options.Home, "agents"),
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{service.GrpcPort}",
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{service.HttpPort}",
            ["SignalBus__Mode"] = "Redis",
            ["SignalBus__Redis__Address"] = $"127.0.0.1:{options.RedisPort}",
        };
        if (LocalRedisUsers.UserOf(service.Folder) is { } redisUser)
        {
            environment["SignalBus__Redis__User"] = redisUser;
            environment["SignalBus__Redis__PasswordFile"] = redisUsers.PasswordFile(redisUser);
        }

        string gateway = LocalService.Named("mt5-gateway").GrpcAddress.ToString().TrimEnd('/');
        switch (service.Folder)
        {
            case "mt5-gateway":
                environment["Gateway__Backend"] = "Simulated";
                environment["Gateway__DataRoot"] = options.Home;
                environment["Gateway__Simulated__Source"] = "Synthetic";
                environment["Gateway__Simulated__Start"] = LocalStackOptions.MarketStart.ToString("O", CultureInfo.InvariantCulture);
                environment["Gateway__Simulated__Speed"] = options.Speed.ToString(CultureInfo.InvariantCulture);
                environment["Gateway__Simulated__Seed"] = (options.Seed + 1).ToString(CultureInfo.InvariantCulture);
                environment["Gateway__Simulated__MomentumStrength"] = "0.05";
                break;
            case "signal":
                environment["Signal__Agents__0"] = options.AgentId;
                environment["Signal__Gateway__Address"] = gateway;
                break;
            case "trader":
                environment["Trader__Agents__0"] = options.AgentId;
                environment["Trader__ConsumerName"] = "local";
                environment["Trader__Gateway__Address"] = gateway;
                break;
        }

        return environment;
    }

    private static async Task WaitForPortAsync(int port, SupervisedProcess process, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + StartPatience;
        while (DateTime.UtcNow < deadline)
        {
            ThrowIfExited(process);
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellation).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100, cancellation).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"{process.Name} did not listen on port {port} within {StartPatience.TotalSeconds} s; see {process.Log}");
    }

    private static async Task WaitForHealthAsync(HttpClient http, SupervisedProcess process, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + StartPatience;
        while (DateTime.UtcNow < deadline)
        {
            ThrowIfExited(process);
            try
            {
                using var response = await http.GetAsync(new Uri(process.Health!), cancellation).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
            {
                // Slow first answer.
            }

            await Task.Delay(200, cancellation).ConfigureAwait(false);
        }

        throw new TimeoutException($"{process.Name} not healthy within {StartPatience.TotalSeconds} s; see {process.Log}");
    }

    private static void ThrowIfExited(SupervisedProcess process)
    {
        if (!process.IsRunning)
        {
            string tail = File.Exists(process.Log) ? string.Join('\n', File.ReadLines(process.Log).TakeLast(15)) : "(no log)";
            throw new InvalidOperationException($"{process.Name} exited while starting; last lines of {process.Log}:\n{tail}");
        }
    }
}
