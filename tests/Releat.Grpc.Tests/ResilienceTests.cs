using Grpc.Core;
using Releat.Grpc.Tests.Support;
using Releat.Test.V1;

namespace Releat.Grpc.Tests;

/// <summary>Retry, attempt timeout and circuit breaker, counted against a server that fails a set number of times.</summary>
public sealed class ResilienceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string FlakyMethod = "/releat.test.v1.Echo/Flaky";

    [Fact]
    public async Task Idempotent_method_is_retried_on_UNAVAILABLE_until_it_succeeds()
    {
        var resilience = FastRetries();
        resilience.IdempotentMethods.Add(FlakyMethod);
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { Resilience = resilience });
        var key = Guid.NewGuid().ToString("N");

        var reply = await new Echo.EchoClient(channel).FlakyAsync(new FlakyRequest { Key = key, Failures = 2 });

        Assert.Equal(3, reply.Count);
        Assert.Equal(3, fixture.Server.Journal.FlakyCalls(key));
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_number_of_attempts()
    {
        var resilience = FastRetries();
        resilience.MaxRetryAttempts = 2;
        resilience.IsIdempotent = method => method.Name == "Flaky";
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { Resilience = resilience });
        var key = Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).FlakyAsync(new FlakyRequest { Key = key, Failures = 10 }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(3, fixture.Server.Journal.FlakyCalls(key));
    }

    [Fact]
    public async Task Method_not_marked_idempotent_is_tried_once()
    {
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { Resilience = FastRetries() });
        var key = Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).FlakyAsync(new FlakyRequest { Key = key, Failures = 1 }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(1, fixture.Server.Journal.FlakyCalls(key));
    }

    [Fact]
    public async Task Other_failure_codes_are_not_retried()
    {
        var resilience = FastRetries();
        resilience.IsIdempotent = _ => true;
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { Resilience = resilience });
        var before = fixture.Server.Journal.CrashCalls;

        await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(channel).CrashAsync(new EchoRequest()));

        Assert.Equal(before + 1, fixture.Server.Journal.CrashCalls);
    }

    [Fact]
    public async Task Open_circuit_fails_fast_with_UNAVAILABLE_without_calling_the_server()
    {
        var resilience = new GrpcResilienceOptions
        {
            MaxRetryAttempts = 0,
            MinimumThroughput = 3,
            FailureRatio = 0.5,
            BreakDuration = TimeSpan.FromMinutes(1),
        };
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { Resilience = resilience });
        var client = new Echo.EchoClient(channel);
        var key = Guid.NewGuid().ToString("N");

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<RpcException>(async () => await client.FlakyAsync(new FlakyRequest { Key = key, Failures = 100 }));
        }

        var error = await Assert.ThrowsAsync<RpcException>(async () => await client.UnaryAsync(new EchoRequest { Text = "blocked" }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("Circuit breaker is open", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(3, fixture.Server.Journal.FlakyCalls(key));
    }

    [Fact]
    public async Task Attempt_timeout_ends_a_slow_attempt_with_DEADLINE_EXCEEDED()
    {
        var resilience = new GrpcResilienceOptions { AttemptTimeout = TimeSpan.FromMilliseconds(200), UseCircuitBreaker = false };
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { Resilience = resilience });

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).SleepAsync(new SleepRequest { Milliseconds = 5_000 }));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Successful_call_through_the_pipeline_reports_headers_status_and_trailers()
    {
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { Resilience = FastRetries() });
        using var call = new Echo.EchoClient(channel).HeadersAsync(new EchoRequest { Text = "through polly" });

        var reply = await call;

        Assert.Equal("through polly", reply.Text);
        Assert.Equal("from-server", (await call.ResponseHeadersAsync).GetValue("echo-header"));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal("done", call.GetTrailers().GetValue("echo-trailer"));
    }

    [Fact]
    public async Task Caller_cancellation_is_CANCELLED_and_not_retried()
    {
        var resilience = FastRetries();
        resilience.IsIdempotent = _ => true;
        using var channel = fixture.Server.CreateChannel(new GrpcChannelOptions { Resilience = resilience });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).SleepAsync(new SleepRequest { Milliseconds = 5_000 }, cancellationToken: cancel.Token));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    private static GrpcResilienceOptions FastRetries() => new()
    {
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        UseCircuitBreaker = false,
    };
}
