namespace Releat.Grpc.Tests.Support;

/// <summary>One server shared by a test class; tests that need other options start their own.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public GrpcTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await GrpcTestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
