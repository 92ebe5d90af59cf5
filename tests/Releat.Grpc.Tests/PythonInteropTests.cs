using Releat.Grpc.Tests.Support;

namespace Releat.Grpc.Tests;

/// <summary>
/// The echo service on a ServiceDefaults host (Grpc.AspNetCore with our gzip guard, health, reflection) driven by an
/// independent implementation, Debian's python3-grpcio (C core): every call shape, every way a call ends, gzip,
/// health and reflection. Each scenario is a separate python process (see Interop/).
/// </summary>
public sealed class PythonInteropTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [PythonGrpcTheory]
    [InlineData("unary")]
    [InlineData("server_stream")]
    [InlineData("client_stream")]
    [InlineData("duplex")]
    [InlineData("deadline")]
    [InlineData("cancel")]
    [InlineData("unimplemented")]
    [InlineData("bad_message")]
    [InlineData("server_error")]
    [InlineData("too_large")]
    [InlineData("gzip")]
    [InlineData("gzip_channel")]
    [InlineData("health_check")]
    [InlineData("reflection")]
    public async Task Python_grpcio_client_sees_the_expected_outcome(string scenario)
    {
        var run = await PythonGrpc.RunAsync(scenario, fixture.Server.Address.Port, TimeSpan.FromSeconds(60));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("PASS " + scenario, run.Output, StringComparison.Ordinal);
    }
}
