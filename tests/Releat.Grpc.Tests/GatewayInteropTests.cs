using System.Diagnostics;
using Releat.Grpc.Tests.Support;
using Releat.Testing;

namespace Releat.Grpc.Tests;

/// <summary>
/// The mt5-gateway as its own process, called by python3-grpcio and @grpc/grpc-js: health Check per service,
/// reflection list and describe (v1, v1alpha), unary / server streaming / duplex calls, the refusals as gRPC statuses
/// (no token: UNAUTHENTICATED with a Bearer challenge; a read token on SendOrder: PERMISSION_DENIED; over the order
/// rate: RESOURCE_EXHAUSTED with retry-after), and Watch turning NOT_SERVING when the process gets SIGTERM.
/// </summary>
public sealed class GatewayInteropTests(GatewayProcessFixture fixture) : IClassFixture<GatewayProcessFixture>
{
    [PythonGrpcTheory]
    [InlineData("gateway_health", GatewayProcessFixture.ShapesTradeToken)]
    [InlineData("gateway_reflection", GatewayProcessFixture.ShapesTradeToken)]
    [InlineData("gateway_shapes", GatewayProcessFixture.ShapesTradeToken)]
    [InlineData("gateway_auth", GatewayProcessFixture.ShapesTradeToken)]
    [InlineData("gateway_unknown", GatewayProcessFixture.ShapesTradeToken)]
    [InlineData("gateway_rate", GatewayProcessFixture.PythonTradeToken)]
    public async Task Python_grpcio_sees_the_gateway_process_answer_as_expected(string scenario, string tradeToken)
    {
        var run = await PythonGrpc.RunAsync(scenario, fixture.Gateway.GrpcPort, TimeSpan.FromSeconds(90), Tokens(tradeToken));
        Assert.True(run.ExitCode == 0, run + "\ngateway: " + fixture.Gateway.Output);
        Assert.Contains("PASS " + scenario, run.Output, StringComparison.Ordinal);
    }

    [NodeGrpcTheory]
    [InlineData("gateway_health", GatewayProcessFixture.ShapesTradeToken)]
    [InlineData("gateway_reflection", GatewayProcessFixture.ShapesTradeToken)]
    [InlineData("gateway_auth", GatewayProcessFixture.ShapesTradeToken)]
    [InlineData("gateway_rate", GatewayProcessFixture.NodeTradeToken)]
    public async Task Node_grpc_js_sees_the_gateway_process_answer_as_expected(string scenario, string tradeToken)
    {
        var run = await NodeGrpc.RunAsync(scenario, fixture.Gateway.GrpcPort, TimeSpan.FromSeconds(90), Tokens(tradeToken));
        Assert.True(run.ExitCode == 0, run + "\ngateway: " + fixture.Gateway.Output);
        Assert.Contains("PASS " + scenario, run.Output, StringComparison.Ordinal);
    }

    [PythonGrpcFact]
    public Task Python_health_watch_turns_NOT_SERVING_when_the_gateway_gets_SIGTERM() =>
        WatchWhileDrainingAsync(port => PythonGrpc.Start("drain_watch", port, ""));

    [NodeGrpcFact]
    public Task Node_health_watch_turns_NOT_SERVING_when_the_gateway_gets_SIGTERM() =>
        WatchWhileDrainingAsync(port => NodeGrpc.Start("drain_watch", port));

    private static Dictionary<string, string> Tokens(string tradeToken) => new()
    {
        ["RELEAT_READ_TOKEN"] = GatewayProcessFixture.ReadToken,
        ["RELEAT_TRADE_TOKEN"] = tradeToken,
    };

    private static async Task WatchWhileDrainingAsync(Func<int, Process> startWatch)
    {
        var dataRoot = Directory.CreateTempSubdirectory("releat-grpc-drain-").FullName;
        try
        {
            await using var gateway = await ServiceProcess.StartAsync("mt5-gateway", "Releat.Mt5Gateway", GatewayProcessFixture.Settings(dataRoot));
            using var watch = startWatch(gateway.GrpcPort);
            var stderr = watch.StandardError.ReadToEndAsync();
            try
            {
                Assert.Equal("STATUS SERVING", await InteropProcess.ReadLineAsync(watch, stderr));
                var stopped = gateway.StopAsync(TimeSpan.FromSeconds(30));
                Assert.Equal("STATUS NOT_SERVING", await InteropProcess.ReadLineAsync(watch, stderr));
                Assert.Equal(0, await stopped);
            }
            finally
            {
                if (!watch.HasExited)
                {
                    watch.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            Directory.Delete(dataRoot, recursive: true);
        }
    }
}
