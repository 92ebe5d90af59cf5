using Grpc.Health.V1;
using Releat.Grpc.Tests.Support;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Releat.Grpc.Tests;

/// <summary>
/// Our server driven by an independent implementation, Debian's python3-grpcio (C core): every call shape, every
/// way a call ends, gzip, health and reflection. Each scenario is a separate python process (see Interop/).
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

    [PythonGrpcFact]
    public async Task Python_health_watch_sees_SERVING_then_NOT_SERVING_then_SERVING()
    {
        await using var server = await GrpcTestServer.StartAsync();
        const string service = "releat.test.v1.Echo";
        using var process = PythonGrpc.Start("health_watch", server.Address.Port, service);
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            Assert.Equal("STATUS SERVING", await ReadLineAsync(process, stderr));
            server.Health.SetStatus(service, ServingStatus.NotServing);
            Assert.Equal("STATUS NOT_SERVING", await ReadLineAsync(process, stderr));
            server.Health.SetStatus(service, ServingStatus.Serving);
            Assert.Equal("STATUS SERVING", await ReadLineAsync(process, stderr));
            Assert.Equal("PASS health_watch", await ReadLineAsync(process, stderr));
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<string> ReadLineAsync(System.Diagnostics.Process process, Task<string> stderr)
    {
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        if (line is null)
        {
            Assert.Fail("python exited early: " + await stderr);
        }

        return line;
    }
}
