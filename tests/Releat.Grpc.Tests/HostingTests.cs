using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Releat.Grpc.Tests.Support;
using Releat.Test.V1;

namespace Releat.Grpc.Tests;

/// <summary>How services are mapped and hosted: registration errors, endpoint conventions, per-call instances.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task Mapping_without_AddGrpc_names_the_missing_registration()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapGrpcService<EchoService>());

        Assert.Contains("AddGrpc()", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(EchoService), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoint_conventions_apply_to_every_method_of_the_service()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton<CallJournal>();
        builder.Services.AddGrpc();
        await using var app = builder.Build();
        app.MapGrpcService<EchoService>().RequireHost("trading.internal");
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        using var channel = GrpcChannel.ForAddress(address);
        var error = await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest()));

        // The host does not match, so the method endpoint is skipped and the fallback answers UNIMPLEMENTED.
        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task Each_call_gets_its_own_service_instance_and_disposes_it()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton<CallJournal>();
        builder.Services.AddGrpc();
        await using var app = builder.Build();
        app.MapGrpcService<CountingEchoService>();
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var createdBefore = CountingEchoService.Created;
        var disposedBefore = CountingEchoService.Disposed;

        using var channel = GrpcChannel.ForAddress(address);
        var client = new Echo.EchoClient(channel);
        for (var i = 0; i < 3; i++)
        {
            await client.UnaryAsync(new EchoRequest());
        }

        Assert.Equal(3, CountingEchoService.Created - createdBefore);
        Assert.Equal(3, CountingEchoService.Disposed - disposedBefore);
        await app.StopAsync();
    }

    private sealed class CountingEchoService : Echo.EchoBase, IDisposable
    {
        private static int _created;
        private static int _disposed;

        public CountingEchoService(CallJournal journal)
        {
            ArgumentNullException.ThrowIfNull(journal);
            Interlocked.Increment(ref _created);
        }

        public static int Created => Volatile.Read(ref _created);

        public static int Disposed => Volatile.Read(ref _disposed);

        public override Task<EchoReply> Unary(EchoRequest request, ServerCallContext context) => Task.FromResult(new EchoReply());

        public void Dispose() => Interlocked.Increment(ref _disposed);
    }
}
