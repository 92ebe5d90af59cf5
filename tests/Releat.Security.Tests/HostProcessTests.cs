using System.Globalization;
using Grpc.Core;
using Grpc.Health.V1;
using Releat.Contracts.Channels;
using Releat.Security.Tests.Support;
using Releat.Testing;
using V1 = Releat.Contracts.V1;

namespace Releat.Security.Tests;

/// <summary>
/// The trainer host as a real process, configured only through environment variables as in production: without
/// callers it refuses to listen beyond loopback; with callers, tokens and roles decide every call, health stays
/// open, denials show in /metrics, and no token reaches the logs.
/// </summary>
public sealed class HostProcessTests
{
    [Fact]
    public async Task A_host_bound_beyond_loopback_without_callers_exits_non_zero_naming_Auth_Callers()
    {
        var (exitCode, output) = await HostRun.UntilExitAsync("trainer", "Releat.Trainer", new Dictionary<string, string>
        {
            ["Kestrel__Endpoints__Grpc__Url"] = "http://0.0.0.0:" + FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Kestrel__Endpoints__Http__Url"] = "http://127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture),
        }, TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Contains("no callers are configured", output, StringComparison.Ordinal);
        Assert.Contains("Auth:Callers", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_callers_tokens_and_roles_decide_every_call()
    {
        var tokenFile = Path.Combine(Path.GetTempPath(), $"releat-trainer-token-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(tokenFile, HostTokens.Trade + "\n");
        try
        {
            await using var host = await ServiceProcess.StartAsync("trainer", "Releat.Trainer", new Dictionary<string, string>
            {
                ["Auth__Callers__0__Name"] = "ops",
                ["Auth__Callers__0__Role"] = "trade",
                ["Auth__Callers__0__TokenFile"] = tokenFile,
                ["Auth__Callers__1__Name"] = "dashboard",
                ["Auth__Callers__1__Role"] = "read",
                ["Auth__Callers__1__Token"] = HostTokens.Read,
            });

            Assert.Equal(StatusCode.Unauthenticated, await StatusOf(host, null, ListCheckpoints));
            Assert.Equal(StatusCode.Unauthenticated, await StatusOf(host, HostTokens.Wrong, ListCheckpoints));
            Assert.Equal(StatusCode.PermissionDenied, await StatusOf(host, HostTokens.Read, StartTraining));
            Assert.Equal(StatusCode.PermissionDenied, await StatusOf(host, HostTokens.Read, StopTraining));

            // Past authentication the service itself answers (UNIMPLEMENTED while the trainer is a stub; an error
            // about the empty request once it is written): anything but the two refusals.
            Assert.DoesNotContain(await StatusOf(host, HostTokens.Read, ListCheckpoints), Refusals);
            Assert.DoesNotContain(await StatusOf(host, HostTokens.Trade, StopTraining), Refusals);
            Assert.DoesNotContain(await StatusOf(host, HostTokens.Trade, ListCheckpoints), Refusals);

            using var anonymous = ReleatChannel.ForAddress(host.GrpcAddress);
            var health = await new Health.HealthClient(anonymous).CheckAsync(new HealthCheckRequest());
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

            // /metrics shows equity and positions: it needs a token as soon as gRPC does; /healthz stays open.
            using var http = new HttpClient();
            using var anonymousScrape = await http.GetAsync(new Uri(host.HttpAddress, "/metrics"));
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymousScrape.StatusCode);
            using var probe = await http.GetAsync(new Uri(host.HttpAddress, "/healthz"));
            Assert.Equal(System.Net.HttpStatusCode.OK, probe.StatusCode);
            using var scrape = new HttpRequestMessage(HttpMethod.Get, new Uri(host.HttpAddress, "/metrics"));
            scrape.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", HostTokens.Read);
            using var scraped = await http.SendAsync(scrape);
            var metrics = await scraped.Content.ReadAsStringAsync();
            Assert.Contains("grpc_server_auth_denied_total{", metrics, StringComparison.Ordinal);
            Assert.Contains("reason=\"missing_token\"", metrics, StringComparison.Ordinal);
            Assert.Contains("reason=\"invalid_token\"", metrics, StringComparison.Ordinal);
            Assert.Contains("reason=\"insufficient_role\"", metrics, StringComparison.Ordinal);
            var (promtoolExit, promtool) = Promtool.CheckMetrics(metrics);
            Assert.True(promtoolExit == 0, promtool);

            Assert.Equal(0, await host.StopAsync(TimeSpan.FromSeconds(30)));
            Assert.DoesNotContain(HostTokens.Trade, host.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(HostTokens.Read, host.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(HostTokens.Wrong, host.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    private static readonly StatusCode[] Refusals = [StatusCode.Unauthenticated, StatusCode.PermissionDenied];

    private static Task ListCheckpoints(V1.Trainer.TrainerClient client) =>
        client.ListCheckpointsAsync(new V1.ListCheckpointsRequest { AgentId = "t00001" }).ResponseAsync;

    private static Task StartTraining(V1.Trainer.TrainerClient client) =>
        client.StartTrainingAsync(new V1.StartTrainingRequest()).ResponseAsync;

    private static Task StopTraining(V1.Trainer.TrainerClient client) =>
        client.StopTrainingAsync(new V1.StopTrainingRequest()).ResponseAsync;

    private static async Task<StatusCode> StatusOf(ServiceProcess host, string? token, Func<V1.Trainer.TrainerClient, Task> call)
    {
        using var channel = ReleatChannel.ForAddress(host.GrpcAddress, new ReleatChannelOptions { BearerToken = token });
        try
        {
            await call(new V1.Trainer.TrainerClient(channel));
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }
}
