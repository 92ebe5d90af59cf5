using Grpc.Core;
using Releat.Security.Tests.Support;
using Releat.Testing;
using V1 = Releat.Contracts.V1;

namespace Releat.Security.Tests;

/// <summary>
/// What a client learns when a handler throws on a host built with ServiceDefaults: UNKNOWN and a generic message,
/// never the exception's text (it may name files, hosts or credentials), unless Grpc:EnableDetailedErrors is set.
/// </summary>
public sealed class HandlerErrorTests
{
    [Fact]
    public async Task Plain_exception_becomes_UNKNOWN_without_leaking_its_message()
    {
        await using var host = await ServiceDefaultsHost.StartAsync().WithTimeout();
        using var channel = host.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => new V1.Signals.SignalsClient(channel)
            .GetLatestSignalAsync(new V1.GetLatestSignalRequest { AgentId = ProbeSignalsService.ThrowingAgent }).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.DoesNotContain("hunter2", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Trailers, t => !t.IsBinary && t.Value.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Detailed_errors_option_sends_the_exception_message()
    {
        await using var host = await ServiceDefaultsHost.StartAsync(new Dictionary<string, string?> { ["Grpc:EnableDetailedErrors"] = "true" }).WithTimeout();
        using var channel = host.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => new V1.Signals.SignalsClient(channel)
            .GetLatestSignalAsync(new V1.GetLatestSignalRequest { AgentId = ProbeSignalsService.ThrowingAgent }).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Contains(ProbeSignalsService.InternalDetail, error.Status.Detail, StringComparison.Ordinal);
    }
}
