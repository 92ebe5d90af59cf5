using Releat.Features;
using Releat.Features.Registry;
using Releat.Live;
using Releat.Security.Tests.Support;
using Releat.Testing;

namespace Releat.Security.Tests;

/// <summary>
/// The live path as deployed, with every credential it uses: redis-server with a password, the gateway with its
/// callers' tokens, the signal service (read token) and the trader (trade token) both holding the Redis password.
/// Signals flow from the signal service through Redis to the trader; then everything stops, and nothing any of them
/// wrote contains a token or the password.
/// </summary>
public sealed class LivePathSecretsTests
{
    [Fact]
    public async Task No_token_or_redis_password_appears_in_any_live_service_output()
    {
        var random = new Random(7731);
        string redisPassword = TestSecret.Next(random);
        string signalToken = TestSecret.Next(random);
        string traderToken = TestSecret.Next(random);
        string home = Directory.CreateTempSubdirectory("releat-live-secrets-").FullName;
        try
        {
            // The demo agent with a couple of PPO iterations: enough for a checkpoint to decide with.
            await DemoAgent.PrepareAsync(home, 3, new FeatureRegistry(), (_, _, _) => { }, trainingSteps: 4096);
            using var redis = RedisServerProcess.Start("--requirepass", redisPassword);
            var shared = new Dictionary<string, string>
            {
                ["RELEAT_HOME"] = home,
                ["RELEAT_AGENTS"] = Path.Combine(home, "agents"),
                ["SignalBus__Mode"] = "Redis",
                ["SignalBus__Redis__Address"] = redis.Address,
                ["SignalBus__Redis__Password"] = redisPassword,
            };
            var gateway = await ServiceProcess.StartAsync("mt5-gateway", "Releat.Mt5Gateway", new Dictionary<string, string>(shared)
            {
                ["Gateway__DataRoot"] = Path.Combine(home, "gateway"),
                ["Gateway__Simulated__Start"] = "2024-01-29T06:40:00Z",
                ["Gateway__Simulated__Speed"] = "100",
                ["Auth__Callers__0__Name"] = "signal",
                ["Auth__Callers__0__Role"] = "read",
                ["Auth__Callers__0__Token"] = signalToken,
                ["Auth__Callers__1__Name"] = "trader",
                ["Auth__Callers__1__Role"] = "trade",
                ["Auth__Callers__1__Token"] = traderToken,
            });
            string address = gateway.GrpcAddress.ToString().TrimEnd('/');
            var trader = await ServiceProcess.StartAsync("trader", "Releat.Trader", new Dictionary<string, string>(shared)
            {
                ["Trader__Agents__0"] = DemoAgent.Id,
                ["Trader__Gateway__Address"] = address,
                ["Trader__Gateway__BearerToken"] = traderToken,
            });
            var signal = await ServiceProcess.StartAsync("signal", "Releat.Signal", new Dictionary<string, string>(shared)
            {
                ["Signal__Agents__0"] = DemoAgent.Id,
                // 4,096 steps of PPO beat nothing on validation: trade it anyway, this test is about secrets.
                ["Signal__AllowUndeployableCheckpoint"] = "true",
                ["Signal__Gateway__Address"] = address,
                ["Signal__Gateway__BearerToken"] = signalToken,
            });

            // Until the trader has taken a few signals from the bus (each logged by the signal service with its correlation id).
            using var http = new HttpClient();
            var traderMetrics = new Uri(trader.HttpAddress, "/metrics");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            string metrics = "";
            while (DateTime.UtcNow < deadline && (Count(signal.Output, "\"CorrelationId\"") < 5 || !metrics.Contains("releat_trader_signals_total", StringComparison.Ordinal)))
            {
                await Task.Delay(500);
                metrics = await http.GetStringAsync(traderMetrics);
            }

            var services = new[] { ("signal", signal), ("trader", trader), ("gateway", gateway) };
            foreach (var (name, process) in services)
            {
                // SIGTERM is a graceful stop: exit code 0, and no error or critical line about it.
                Assert.Equal(0, await process.StopAsync(TimeSpan.FromSeconds(30)));
                string[] critical = [.. process.Output.Split('\n').Where(line => line.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal))];
                if (critical.Length > 0)
                {
                    Assert.Fail($"{name} logged a critical line (the lines before it say why):\n{Tail(process.Output, critical[0], 6000)}");
                }
                // Except the one error a drain logs by design: a health probe that arrives while the host stops sees the
                // draining check Unhealthy (so gRPC health says NOT_SERVING), and ASP.NET Core's health service logs
                // every Unhealthy result at Error. Whether a probe lands in that window is timing (seen under --stress).
                string[] errors = [.. process.Output.Split('\n').Where(line => line.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal)
                    && !line.Contains("Health check draining with status Unhealthy", StringComparison.Ordinal))];
                Assert.True(errors.Length == 0, $"{name} logged an error:\n{string.Join('\n', errors)[..Math.Min(3000, string.Join('\n', errors).Length)]}");
            }

            Assert.Contains("releat_trader_signals_total", metrics, StringComparison.Ordinal);
            Assert.True(Count(signal.Output, "\"CorrelationId\"") >= 5, $"the signal service published too few signals:\n{signal.Output[^Math.Min(3000, signal.Output.Length)..]}");
            (string What, string Value)[] secrets = [("redis password", redisPassword), ("signal token", signalToken), ("trader token", traderToken)];
            foreach (var (name, process) in services)
            {
                string logged = process.Output;
                foreach ((string what, string secret) in secrets)
                {
                    Assert.False(logged.Contains(secret[..16], StringComparison.Ordinal), $"the {name} service's output contains the {what}");
                }
            }

            foreach (var (_, process) in services)
            {
                await process.DisposeAsync();
            }
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    /// <summary>The output up to and including the first line holding <paramref name="line"/>, at most the last <paramref name="chars"/> characters.</summary>
    private static string Tail(string output, string line, int chars)
    {
        int end = output.IndexOf(line, StringComparison.Ordinal) + line.Length;
        return output[Math.Max(0, end - chars)..end];
    }

    private static int Count(string text, string what)
    {
        int count = 0;
        for (int at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
