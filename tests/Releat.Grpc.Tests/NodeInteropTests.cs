using Releat.Grpc.Tests.Support;

namespace Releat.Grpc.Tests;

/// <summary>
/// The echo service on a ServiceDefaults host driven by Node's @grpc/grpc-js: the four call shapes; deadline,
/// server error (status, detail and trailer), unhandled exception, unknown method and cancellation (the handler's
/// token fires); health Check and reflection v1 and v1alpha.
/// </summary>
public sealed class NodeInteropTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [NodeGrpcTheory]
    [InlineData("shapes")]
    [InlineData("statuses")]
    [InlineData("health")]
    [InlineData("reflection")]
    public async Task Node_grpc_js_client_sees_the_expected_outcome(string scenario)
    {
        var run = await NodeGrpc.RunAsync(scenario, fixture.Server.Address.Port, TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("PASS " + scenario, run.Output, StringComparison.Ordinal);
    }
}
