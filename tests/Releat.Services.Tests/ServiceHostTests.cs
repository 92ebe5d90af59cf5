using System.Text.Json;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1;
using Releat.Testing;
using V1 = Releat.Contracts.V1;

namespace Releat.Services.Tests;

/// <summary>
/// Every service host, started as its own process on its defaults, must look like a well-behaved gRPC service:
/// health and reflection answer, one of its methods gives the status expected on an empty data folder, /metrics is valid Prometheus text counting that call,
/// logs are JSON lines, and SIGTERM stops it cleanly.
/// </summary>
public sealed class ServiceHostTests
{
    public static TheoryData<string, string, string[], Func<ChannelBase, Task>, StatusCode[]> Hosts => new()
    {
        {
            "mt5-gateway", "Releat.Mt5Gateway", ["releat.v1.MarketData", "releat.v1.Trading"],
            async channel => await new V1.MarketData.MarketDataClient(channel).GetSymbolAsync(new V1.GetSymbolRequest { Symbol = "XXXYYY" }),
            [StatusCode.NotFound]
        },
        {
            "feature-builder", "Releat.FeatureBuilder", ["releat.v1.FeatureBuilder"],
            async channel => await new V1.FeatureBuilder.FeatureBuilderClient(channel).GetLatestObservationAsync(new V1.GetLatestObservationRequest { AgentId = "t00001" }),
            [StatusCode.Unavailable]
        },
        {
            "trainer", "Releat.Trainer", ["releat.v1.Trainer"],
            async channel =>
            {
                // An agent never trained here has no checkpoints: an empty list, not an error.
                var listed = await new V1.Trainer.TrainerClient(channel).ListCheckpointsAsync(new V1.ListCheckpointsRequest { AgentId = "t00001" });
                Assert.Empty(listed.Checkpoints);
            },
            [StatusCode.OK]
        },
        {
            "signal", "Releat.Signal", ["releat.v1.Signals"],
            async channel => await new V1.Signals.SignalsClient(channel).GetLatestSignalAsync(new V1.GetLatestSignalRequest { AgentId = "t00001" }),

            // On its defaults the service decides for no agent: t00001 has no signal here.
            [StatusCode.NotFound]
        },
        {
            "trader", "Releat.Trader", ["releat.v1.TraderControl"],
            async channel => await new V1.TraderControl.TraderControlClient(channel).GetStatusAsync(new V1.GetTraderStatusRequest()),
            [StatusCode.OK]
        },
    };

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task Host_serves_health_reflection_and_metrics_answers_with_the_expected_status_and_stops_on_sigterm(
        string folder, string project, string[] services, Func<ChannelBase, Task> callOneMethod, StatusCode[] accepted)
    {
        await using var host = await ServiceProcess.StartAsync(folder, project);
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(host.GrpcAddress);

        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest()).ResponseAsync.WithTimeout();
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        var listed = await ListServicesAsync(channel).WithTimeout();
        Assert.Subset(listed, new HashSet<string>([.. services, "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection"]));

        var status = StatusCode.OK;
        try
        {
            await callOneMethod(channel).WithTimeout();
        }
        catch (RpcException e)
        {
            status = e.StatusCode;
        }

        Assert.Contains(status, accepted);

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri(host.HttpAddress, "/metrics")).WithTimeout();
        var (exitCode, promtool) = Promtool.CheckMetrics(metrics);
        Assert.True(exitCode == 0, $"promtool check metrics: {promtool}");
        Assert.Contains("grpc_server_calls_total{", metrics, StringComparison.Ordinal);
        Assert.Contains($"grpc_status=\"{StatusName(status)}\"", metrics, StringComparison.Ordinal);

        Assert.Equal(0, await host.StopAsync(TimeSpan.FromSeconds(30)));
        var logLines = host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(logLines);
        Assert.All(logLines, line => JsonDocument.Parse(line).Dispose());
    }

    /// <summary>The status as gRPC spells it on the wire and in the metrics: NOT_FOUND, UNAVAILABLE...</summary>
    private static string StatusName(StatusCode code) => code == StatusCode.OK
        ? "OK"
        : string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    private static async Task<HashSet<string>> ListServicesAsync(ChannelBase channel)
    {
        using var call = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "*" });
        await call.RequestStream.CompleteAsync();
        var names = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var response in call.ResponseStream.ReadAllAsync())
        {
            foreach (var service in response.ListServicesResponse.Service)
            {
                names.Add(service.Name);
            }
        }

        return names;
    }
}
