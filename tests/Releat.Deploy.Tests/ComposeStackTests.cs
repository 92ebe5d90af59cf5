using System.Diagnostics;
using System.Globalization;
using Releat.Testing;
using Xunit.Abstractions;

namespace Releat.Deploy.Tests;

/// <summary>
/// The stack as a new user starts it: a fresh clone, <c>docker-compose up -d</c> with nothing before it (the images
/// built from the Dockerfile, the secrets made by the secrets job), then what deploy/compose-check.sh checks by hand:
/// health, ticks, signals in Redis, orders at the simulated broker, a second up keeping the secrets, the trader
/// SIGKILLed and back by itself with no signal left unread, no secret in a log or an environment, and
/// <c>down -v</c> leaving nothing. Skipped, with the reason, where no container engine is reachable.
/// </summary>
[Trait("Category", "Containers")]
public sealed class ComposeStackTests(ITestOutputHelper output)
{
    private static readonly string[] Services = ["mt5-gateway", "feature-builder", "trainer", "signal", "trader"];
    private static readonly string[] LongRunning = [.. Services, "redis", "prometheus"];

    // What each reader finds at /run/secrets: its uid, then its files (deploy/first-start-secrets.sh hands them out).
    private static readonly Dictionary<string, string> ExpectedSecrets = new(StringComparer.Ordinal)
    {
        ["mt5-gateway"] = "1654 mt5-bridge-secret operator-token prometheus-token signal-token trader-token",
        ["feature-builder"] = "1654 operator-token prometheus-token",
        ["trainer"] = "1654 operator-token prometheus-token",
        ["signal"] = "1654 operator-token prometheus-token redis-signal-password signal-token",
        ["trader"] = "1654 operator-token prometheus-token redis-trader-password trader-token",
        ["redis"] = "0 redis-operator-password redis-users-acl",
        ["prometheus"] = "65534 prometheus-token",
    };

    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [ContainerEngineFact]
    public async Task Docker_compose_up_on_a_fresh_clone_trades_survives_a_killed_trader_leaks_no_secret_and_down_v_leaves_nothing()
    {
        await using var project = ComposeProject.CloneFresh();
        var stack = new StackProbe(project);
        Say($"cloned into {project.Folder}, project {project.Name}");

        var up = project.Compose(TimeSpan.FromMinutes(18), "up", "-d");
        Assert.True(up.ExitCode == 0, $"docker-compose up -d on a fresh clone: {Tail(up.All)}");
        Say("docker-compose up -d returned (images built, secrets made, demo agent trained)");

        // The secrets job ran first and succeeded; every service started after it finished.
        var job = await project.InspectAsync("secrets");
        Assert.True(job.State?.ExitCode == 0, $"secrets job exited {job.State?.ExitCode}");
        DateTime jobEnd = Time(job.State!.FinishedAt);
        foreach (string service in LongRunning)
        {
            Assert.True(Time((await project.InspectAsync(service)).State!.StartedAt) >= jobEnd, $"{service} started before the secrets job finished");
        }

        await Eventually.WaitUntilAsync(async () => await stack.AllHealthyAsync(LongRunning), "all seven containers healthy", TimeSpan.FromMinutes(4));
        Say("redis, prometheus and the five services healthy");

        foreach (var (reader, expected) in ExpectedSecrets)
        {
            string seen = string.Join(' ', project.Exec(reader, "id -u && cd /run/secrets && stat -c '%n %u %a' *")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            string uid = expected.Split(' ')[0];
            string wanted = string.Join(' ', [uid, .. expected.Split(' ').Skip(1).Select(f => $"{f} {uid} 400")]);
            Assert.True(seen == wanted, $"{reader} sees at /run/secrets: '{seen}', wanted '{wanted}'");
        }

        var secrets = stack.SecretValues();
        Assert.True(secrets.Count == 9 && secrets.Values.All(v => v.Length == 64), "nine 64-hex-digit secrets in the secrets volume");

        // Ticks flow, signals reach Redis, orders reach the simulated broker.
        double ticks = await stack.MetricAsync(6081, "releat_gateway_ticks_total") ?? 0;
        await Eventually.WaitUntilAsync(async () => await stack.MetricAsync(6081, "releat_gateway_ticks_total") > ticks, "gateway ticks rising", TimeSpan.FromMinutes(1));
        await Eventually.WaitUntilAsync(() => stack.SignalCount() > 0, "signals in releat:agent:demo:signals", TimeSpan.FromMinutes(5));
        await Eventually.WaitUntilAsync(async () => await stack.MetricAsync(6081, "releat_gateway_orders_total") > 0, "orders at the simulated broker", TimeSpan.FromMinutes(5));
        Say($"ticks flow, {stack.SignalCount()} signals in Redis, {await stack.MetricAsync(6081, "releat_gateway_orders_total")} orders at the broker");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await stack.GetAsync(6085, "/metrics", token: null)).StatusCode);

        // A second up keeps every secret and the running services.
        string traderId = (await project.InspectAsync("trader")).ID;
        var again = project.Compose(TimeSpan.FromMinutes(5), "up", "-d");
        Assert.True(again.ExitCode == 0, $"second docker-compose up -d: {Tail(again.All)}");
        Assert.Equal(secrets, stack.SecretValues());
        Assert.Equal(traderId, (await project.InspectAsync("trader")).ID);
        Say("a second up -d kept every secret and recreated nothing");

        // The trader's process killed from the host (as an out-of-memory kill would): it comes back by itself and
        // reads every signal published meanwhile; the gateway and the signal service keep working.
        var trader = await project.InspectAsync("trader");
        long signalsAtKill = stack.SignalCount();
        double ticksAtKill = await stack.MetricAsync(6081, "releat_gateway_ticks_total") ?? 0;
        using (var process = Process.GetProcessById((int)trader.State!.Pid))
        {
            process.Kill();
        }

        await Eventually.WaitUntilAsync(async () => await stack.MetricAsync(6081, "releat_gateway_ticks_total") > ticksAtKill, "gateway ticks while the trader is down", TimeSpan.FromMinutes(1));
        await Eventually.WaitUntilAsync(() => stack.SignalCount() > signalsAtKill, "signals published while the trader is down", TimeSpan.FromMinutes(2));
        await Eventually.WaitUntilAsync(async () => await stack.RestartedAsync("trader", trader), "the trader restarted by itself and healthy", TimeSpan.FromMinutes(2));
        await Eventually.WaitUntilAsync(() => stack.EveryPublishedSignalReadAndAcknowledged(), "the restarted trader read and acknowledged every signal", TimeSpan.FromMinutes(2));
        Say($"trader killed at {signalsAtKill} signals, back by itself, group 'trader' caught up at {stack.SignalCount()} with none pending");

        // No secret in any container's log, environment or command line.
        foreach (string container in (string[])["secrets", "bootstrap", .. LongRunning])
        {
            string seen = project.Compose(TimeSpan.FromMinutes(1), "logs", "--no-color", container).All + await stack.EnvironmentAndCommandAsync(container);
            foreach (var (name, value) in secrets)
            {
                Assert.False(seen.Contains(value, StringComparison.Ordinal), $"{container}'s log, environment or command holds {name}");
            }
        }

        var down = project.Compose(TimeSpan.FromMinutes(3), "down", "-v");
        Assert.True(down.ExitCode == 0, $"docker-compose down -v: {Tail(down.All)}");
        Assert.Empty(await project.LeftoversAsync());
        Say("down -v left no container, volume or network");
    }

    private static DateTime Time(string value) => DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];

    private void Say(string what) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,5:0}s] {what}");
}
