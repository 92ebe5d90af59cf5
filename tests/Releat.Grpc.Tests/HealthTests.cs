using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Releat.Grpc.Tests.Support;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Releat.Grpc.Tests;

/// <summary>grpc.health.v1 through our own client: Check, Watch, explicit statuses, health checks and draining.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Check_reports_SERVING_for_the_server_and_its_mapped_services()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        var health = new Health.HealthClient(channel);

        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "releat.test.v1.Echo" })).Status);
    }

    [Fact]
    public async Task Check_of_an_unknown_service_is_NOT_FOUND()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = "no.such.Service" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Watch_sends_the_current_status_then_every_change()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var watch = new Health.HealthClient(channel).Watch(new HealthCheckRequest { Service = "releat.test.v1.Echo" });
        var stream = watch.ResponseStream;

        Assert.True(await stream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.Serving, stream.Current.Status);

        server.Health.SetStatus("releat.test.v1.Echo", ServingStatus.NotServing);
        Assert.True(await stream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.NotServing, stream.Current.Status);

        server.Health.SetStatus("releat.test.v1.Echo", ServingStatus.Serving);
        Assert.True(await stream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.Serving, stream.Current.Status);
    }

    [Fact]
    public async Task Watch_of_an_unknown_service_says_SERVICE_UNKNOWN_then_follows_it()
    {
        await using var server = await GrpcTestServer.StartAsync();
        using var channel = server.CreateChannel();
        using var watch = new Health.HealthClient(channel).Watch(new HealthCheckRequest { Service = "later.Service" });

        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.ServiceUnknown, watch.ResponseStream.Current.Status);

        server.Health.SetStatus("later.Service", ServingStatus.Serving);
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.Serving, watch.ResponseStream.Current.Status);
    }

    [Fact]
    public async Task Failing_health_check_makes_the_server_NOT_SERVING()
    {
        await using var server = await GrpcTestServer.StartAsync();
        var healthy = true;
        var registrations = server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        registrations.Add(new HealthCheckRegistration(
            "broker-connection",
            _ => new DelegateHealthCheck(() => healthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("MT5 terminal disconnected")),
            HealthStatus.Unhealthy,
            null));
        using var channel = server.CreateChannel();
        var health = new Health.HealthClient(channel);

        Assert.Equal(ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        healthy = false;
        Assert.Equal(ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);
    }

    [Fact]
    public async Task Application_stopping_drains_every_status_to_NOT_SERVING()
    {
        var status = new GrpcHealthStatus();
        status.SetStatus("releat.v1.Trader", ServingStatus.Serving);

        status.EnterShutdown();
        status.SetStatus("releat.v1.Trader", ServingStatus.Serving);

        Assert.Equal(ServingStatus.NotServing, status.GetStatus(""));
        Assert.Equal(ServingStatus.NotServing, status.GetStatus("releat.v1.Trader"));
        await Task.CompletedTask;
    }

    private sealed class DelegateHealthCheck(Func<HealthCheckResult> check) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(check());
    }
}
