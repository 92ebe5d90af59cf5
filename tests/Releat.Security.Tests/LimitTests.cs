using Grpc.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Releat.Contracts.Channels;
using Releat.Security.Tests.Support;
using V1 = Releat.Contracts.V1;

namespace Releat.Security.Tests;

/// <summary>
/// The limits every host gets from ServiceDefaults and can change through configuration: concurrent HTTP/2 streams
/// per connection, message sizes, and per-caller rate limits.
/// </summary>
public sealed class LimitTests
{
    [Fact]
    public async Task Hosts_pin_100_concurrent_streams_per_connection_by_default()
    {
        await using var host = await ServiceDefaultsHost.StartAsync();

        var kestrel = host.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.Equal(100, kestrel.Limits.Http2.MaxStreamsPerConnection);
    }

    [Fact]
    public async Task Streams_beyond_the_configured_limit_wait_for_a_free_slot()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(new Dictionary<string, string?>
        {
            ["Kestrel:Limits:Http2:MaxStreamsPerConnection"] = "3",
        });

        // One connection only, so the client must respect the server's SETTINGS_MAX_CONCURRENT_STREAMS.
        using var channel = host.CreateChannel(new ReleatChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false },
        });
        var client = new V1.Signals.SignalsClient(channel);
        var calls = Enumerable.Range(0, 5).Select(_ => new CancellationTokenSource()).ToArray();
        var streams = new List<AsyncServerStreamingCall<V1.Signal>>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                streams.Add(client.StreamSignals(new V1.StreamSignalsRequest(), cancellationToken: calls[i].Token));
            }

            await WaitUntilAsync(() => host.Probe.Active == 3);
            streams.Add(client.StreamSignals(new V1.StreamSignalsRequest(), cancellationToken: calls[3].Token));
            streams.Add(client.StreamSignals(new V1.StreamSignalsRequest(), cancellationToken: calls[4].Token));
            await Task.Delay(500);
            Assert.Equal(3, host.Probe.Active);
            Assert.Equal(3, host.Probe.MaxActive);
            Assert.Equal(3, host.Probe.Started);

            // Ending one of the three running streams lets exactly one waiting stream in.
            await calls[0].CancelAsync();
            await WaitUntilAsync(() => host.Probe.Started == 4);
            await Task.Delay(300);

            // Not MaxActive here: Kestrel frees the slot when the stream is reset, and the waiting stream's handler
            // may start before the cancelled handler has run its finally block, so handlers can briefly overlap.
            Assert.Equal(3, host.Probe.Active);
            Assert.Equal(4, host.Probe.Started);
        }
        finally
        {
            foreach (var call in calls)
            {
                await call.CancelAsync();
                call.Dispose();
            }

            foreach (var stream in streams)
            {
                stream.Dispose();
            }
        }
    }

    [Fact]
    public async Task The_default_receive_limit_is_4_MiB()
    {
        await using var host = await ServiceDefaultsHost.StartAsync();
        using var channel = host.CreateChannel(new ReleatChannelOptions { MaxReceiveMessageSize = null });
        var client = new V1.Signals.SignalsClient(channel);

        var fits = await client.GetLatestSignalAsync(new V1.GetLatestSignalRequest { AgentId = new string('a', 4 * 1024 * 1024 - 16) });
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.GetLatestSignalAsync(new V1.GetLatestSignalRequest { AgentId = new string('a', 4 * 1024 * 1024 + 1) }));

        Assert.Equal(4 * 1024 * 1024 - 16, fits.AgentId.Length);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Message_size_limits_follow_configuration()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(new Dictionary<string, string?>
        {
            ["Grpc:MaxReceiveMessageSize"] = "1024",
            ["Grpc:MaxSendMessageSize"] = "2048",
        });
        using var channel = host.CreateChannel();
        var client = new V1.Signals.SignalsClient(channel);

        var received = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.GetLatestSignalAsync(new V1.GetLatestSignalRequest { AgentId = new string('a', 2000) }));
        var small = await client.GetLatestSignalAsync(new V1.GetLatestSignalRequest { AgentId = new string('a', 1000) });

        Assert.Equal(StatusCode.ResourceExhausted, received.StatusCode);
        Assert.Equal(1000, small.AgentId.Length);
    }

    [Fact]
    public async Task Rate_limits_and_callers_come_from_configuration()
    {
        var tokenFile = Path.Combine(Path.GetTempPath(), $"releat-token-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(tokenFile, HostTokens.Trade + "\n");
        try
        {
            await using var host = await ServiceDefaultsHost.StartAsync(new Dictionary<string, string?>
            {
                ["Auth:Callers:0:Name"] = "gateway-client",
                ["Auth:Callers:0:Role"] = "trade",
                ["Auth:Callers:0:TokenFile"] = tokenFile,
                ["Grpc:RateLimits:probe:TokenLimit"] = "2",
                ["Grpc:RateLimits:probe:TokensPerPeriod"] = "1",
                ["Grpc:RateLimits:probe:ReplenishmentPeriod"] = "01:00:00",
            });
            using var channel = host.CreateChannel(new ReleatChannelOptions { BearerToken = HostTokens.Trade });
            var client = new V1.Signals.SignalsClient(channel);

            var first = await client.GetLatestSignalAsync(new V1.GetLatestSignalRequest());
            await client.GetLatestSignalAsync(new V1.GetLatestSignalRequest());
            var third = await Assert.ThrowsAsync<RpcException>(async () => await client.GetLatestSignalAsync(new V1.GetLatestSignalRequest()));

            Assert.Equal("gateway-client", first.Symbol);
            Assert.Equal(StatusCode.ResourceExhausted, third.StatusCode);
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 10 s");
            await Task.Delay(20);
        }
    }
}
