using System.Globalization;
using Releat.Contracts.Channels;
using Releat.MarketData.Time;
using Releat.Testing;
using Releat.Training.Runs;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Tests;

/// <summary>
/// The live path of the chaos test as four processes for the small agent s00001 (a decision every second, stale after
/// 5 s): redis-server (append-only, fsync always), the gateway on its simulated market at real speed from Monday
/// 00:00:05 (inside s00001's first trading session), recording its ticks (the signal service's catch-up history), the
/// trader, and the signal service trading a checkpoint trained here. Each can be killed with SIGKILL and started again
/// on the same ports and files; every incarnation's output is kept.
/// </summary>
internal sealed class ChaosStack : IAsyncDisposable
{
    public const string Agent = "s00001";

    /// <summary>s00001's decision_timeframe (time_offset 0): its decisions lie on whole seconds.</summary>
    public const long DecisionStepMs = 1000;

    public static readonly DateTime MarketStart = new(2024, 1, 8, 0, 0, 5, DateTimeKind.Utc);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private readonly List<ServiceProcess> _gateways = [];
    private readonly List<ServiceProcess> _traders = [];
    private readonly List<ServiceProcess> _signals = [];

    private ChaosStack(string folder, RedisServerProcess redis)
    {
        Folder = folder;
        Redis = redis;
    }

    public string Folder { get; }

    public RedisServerProcess Redis { get; }

    public string Journal => Path.Combine(Folder, "journal.jsonl");

    /// <summary>The folder holding s00001/agent.yaml (linked from the signal tests).</summary>
    public static string AgentsRoot => Path.Combine(AppContext.BaseDirectory, "Agents");

    public ServiceProcess Gateway => _gateways[^1];

    public ServiceProcess Trader => _traders[^1];

    public ServiceProcess Signal => _signals[^1];

    public IReadOnlyList<ServiceProcess> Gateways => _gateways;

    public IReadOnlyList<ServiceProcess> Signals => _signals;

    private string Home => Path.Combine(Folder, "home");

    /// <summary>Trains s00001's checkpoint (a short PPO run on synthetic ticks), then starts Redis, the gateway, the trader and the signal service.</summary>
    public static async Task<ChaosStack> StartAsync()
    {
        string folder = Directory.CreateTempSubdirectory("releat-chaos-").FullName;
        var stack = new ChaosStack(folder, RedisServerProcess.Start());
        try
        {
            await stack.TrainAsync().WaitAsync(TimeSpan.FromMinutes(5));

            // The trader first: its consumer group reads the stream from its start, but it must be there to act in time.
            stack._gateways.Add(await ServiceProcess.StartAsync("mt5-gateway", "Releat.Mt5Gateway", stack.GatewayEnvironment(MarketStart)));
            stack._traders.Add(await ServiceProcess.StartAsync("trader", "Releat.Trader", stack.TraderEnvironment()));
            stack._signals.Add(await ServiceProcess.StartAsync("signal", "Releat.Signal", stack.SignalEnvironment()));
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills one process with SIGKILL and starts it again (the gateway on from the market time it had reached).</summary>
    public async Task KillAndRestartAsync(string target)
    {
        switch (target)
        {
            case "trader":
                await Trader.KillAsync(Patience);
                _traders.Add(await Trader.StartAgainAsync());
                break;
            case "signal":
                await Signal.KillAsync(Patience);
                _signals.Add(await Signal.StartAgainAsync());
                break;
            case "gateway":
                // The simulated broker lives in the gateway: it comes back flat, its market on from where it was.
                long reachedMs = await MarketTimeAsync(Gateway);
                await Gateway.KillAsync(Patience);
                DateTime resume = DateTime.UnixEpoch.AddMilliseconds(reachedMs + 2000);
                _gateways.Add(await Gateway.StartAgainAsync(GatewayEnvironment(resume)));
                break;
            case "redis":
                Redis.Restart();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(target), target, "not a process of the stack");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _signals.Concat(_traders).Concat(_gateways))
        {
            await process.DisposeAsync();
        }

        Redis.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static async Task<long> MarketTimeAsync(ServiceProcess gateway)
    {
        using var channel = ReleatChannel.ForAddress(gateway.GrpcAddress);
        var account = await new V1.Trading.TradingClient(channel).GetAccountAsync(new V1.GetAccountRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
        return ContractTime.ToMilliseconds(account.Time);
    }

    private Task<TrainingResult> TrainAsync()
    {
        // 64 steps beat nothing: the signal service trades it under the operator's override (AllowUndeployableCheckpoint).
        SyntheticTickSeries.WriteToStore(Home, 7, UtcTime.FromParts(2020, 1, 5, 22, 0, 0, 0), UtcTime.FromParts(2020, 1, 6, 3, 1, 0, 0));
        return new TrainingRun(new TrainingRunOptions
        {
            AgentId = Agent,
            ConfigPath = Path.Combine(AgentsRoot, Agent, "agent.yaml"),
            Home = Home,
            TotalTimesteps = 64,
            SelectOnValidation = false,
        }).RunAsync();
    }

    private Dictionary<string, string> GatewayEnvironment(DateTime marketStart) => new()
    {
        ["Gateway__DataRoot"] = Path.Combine(Folder, "gateway"),
        ["Gateway__Simulated__Start"] = marketStart.ToString("O", CultureInfo.InvariantCulture),
        ["Gateway__Simulated__Speed"] = "1",
    };

    private Dictionary<string, string> TraderEnvironment() => new()
    {
        ["Trader__Agents__0"] = Agent,
        ["Trader__AgentsRoot"] = AgentsRoot,
        ["Trader__JournalPath"] = Journal,
        ["Trader__ConsumerName"] = "chaos",
        ["Trader__Gateway__Address"] = Gateway.GrpcAddress.ToString(),
        ["SignalBus__Redis__Address"] = Redis.Address,
    };

    private Dictionary<string, string> SignalEnvironment() => new()
    {
        ["RELEAT_HOME"] = Home,
        ["Signal__Agents__0"] = Agent,
        ["Signal__AgentsRoot"] = AgentsRoot,
        ["Signal__AllowUndeployableCheckpoint"] = "true",
        ["Signal__Gateway__Address"] = Gateway.GrpcAddress.ToString(),
        ["SignalBus__Redis__Address"] = Redis.Address,
    };
}
