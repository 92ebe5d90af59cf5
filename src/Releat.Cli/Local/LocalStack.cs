using System.Globalization;
using System.Net.Sockets;
using Releat.Cli.Commands;

namespace Releat.Cli.Local;

/// <summary>
/// The live path as separate local processes: redis-server (ACL users, append-only file) and the five service hosts,
/// each detached with its own log under RELEAT_HOME/run/logs, on loopback (so no tokens are needed). The gateway plays
/// the simulated market from <see cref="LocalStackOptions.MarketStart"/> at the chosen speed; signal and trader run
/// the agent over Redis.
/// </summary>
internal sealed class LocalStack(LocalStackOptions options, Action<string> say)
{
    public const string RedisExecutable = "/usr/bin/redis-server";
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(90);

    private string RunDirectory => LocalStackState.RunDirectory(options.Home);

    private string LogOf(string name) => Path.Combine(RunDirectory, "logs", name + ".log");

    public async Task<LocalStackState> StartAsync(CancellationToken cancellation)
    {
        if (LocalStackState.Read(options.Home) is { } running && running.Processes.Any(p => DetachedProcess.IsAlive(p.Pid, p.Name)))
        {
            throw new InvalidOperationException($"a stack is already running from {LocalStackState.FileOf(options.Home)}: releat stop first");
        }

        if (!File.Exists(RedisExecutable))
        {
            throw new InvalidOperationException($"{RedisExecutable} not found: install redis-server (sudo apt-get install redis-server)");
        }

        var dlls = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in LocalService.All)
        {
            dlls[service.Folder] = await ServiceLauncher.LocateAsync(service.Folder, service.Project, cancellation).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"cannot find or build {service.Project}; run from a checkout with ./releat, or set RELEAT_SERVICES");
        }

        var processes = new List<LocalStackProcess>();
        try
        {
            var redisUsers = StartRedis(processes);
            await WaitForPortAsync(options.RedisPort, processes[0], cancellation).ConfigureAwait(false);
            foreach (var service in LocalService.All)
            {
                int pid = DetachedProcess.Start(
                    "dotnet", [dlls[service.Folder]], LogOf(service.Folder), EnvironmentOf(service, redisUsers), Path.GetDirectoryName(dlls[service.Folder])!);
                processes.Add(new LocalStackProcess(service.Folder, pid, LogOf(service.Folder), service.HealthAddress.ToString()));
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
            }

            throw;
        }

        var state = new LocalStackState(options.Home, processes);
        state.Write();
        return state;
    }

    /// <summary>Stops what the stack file lists, the trader first and Redis last; false when nothing was running.</summary>
    public static async Task<bool> StopAsync(string home, Action<string> say)
    {
        var state = LocalStackState.Read(home);
        if (state is null)
        {
            return false;
        }

        foreach (var process in Enumerable.Reverse(state.Processes))
        {
            bool graceful = await DetachedProcess.StopAsync(process.Pid, process.Name, TimeSpan.FromSeconds(20)).ConfigureAwait(false);
            say($"{process.Name,-16} pid {process.Pid,-7} {(graceful ? "stopped" : "killed after 20 s")}");
        }

        File.Delete(LocalStackState.FileOf(home));
        return true;
    }

    /// <summary>Redis on loopback with one ACL user per service (fresh random passwords in 0600 files, not on a command line).</summary>
    private LocalRedisUsers StartRedis(List<LocalStackProcess> processes)
    {
        string folder = Path.Combine(RunDirectory, "redis");
        Directory.CreateDirectory(folder);
        var users = LocalRedisUsers.Write(RunDirectory, options.AgentId);
        string config = Path.Combine(RunDirectory, "redis.conf");
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

        int pid = DetachedProcess.Start(RedisExecutable, [config], LogOf("redis"), new Dictionary<string, string>(), RunDirectory);
        processes.Add(new LocalStackProcess("redis", pid, LogOf("redis"), null));
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

    private static async Task WaitForPortAsync(int port, LocalStackProcess process, CancellationToken cancellation)
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

    private static async Task WaitForHealthAsync(HttpClient http, LocalStackProcess process, CancellationToken cancellation)
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

    private static void ThrowIfExited(LocalStackProcess process)
    {
        if (!DetachedProcess.IsAlive(process.Pid, process.Name))
        {
            string tail = File.Exists(process.Log) ? string.Join('\n', File.ReadLines(process.Log).TakeLast(15)) : "(no log)";
            throw new InvalidOperationException($"{process.Name} exited while starting; last lines of {process.Log}:\n{tail}");
        }
    }
}
