using Grpc.Core;
using Releat.Contracts.Channels;
using Releat.Grpc.Tests.Support;
using Releat.Test.V1;
using Releat.Testing;

namespace Releat.Grpc.Tests;

/// <summary>
/// Our Polly interceptor on Grpc.Net.Client (ReleatChannelOptions.Resilience), counted against a server that fails a
/// set number of times: UNAVAILABLE is retried only on methods declared idempotent and only so often, other statuses
/// never (a trade order must not be placed twice); the breaker fails fast; an attempt timeout is DEADLINE_EXCEEDED;
/// the caller's cancellation is CANCELLED; a call through the pipeline still shows its headers, status and trailers.
/// </summary>
public sealed class ResilienceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string FlakyMethod = "/releat.test.v1.Echo/Flaky";

    [Fact]
    public async Task Idempotent_method_is_retried_on_UNAVAILABLE_until_it_succeeds()
    {
        var resilience = FastRetries();
        resilience.IdempotentMethods.Add(FlakyMethod);
        using var channel = Channel(resilience);
        var key = Guid.NewGuid().ToString("N");

        var reply = await new Echo.EchoClient(channel).FlakyAsync(new FlakyRequest { Key = key, Failures = 2 }).ResponseAsync.WithTimeout();

        Assert.Equal(3, reply.Count);
        Assert.Equal(3, fixture.Server.Journal.FlakyCalls(key));
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_number_of_attempts()
    {
        var resilience = FastRetries();
        resilience.MaxRetryAttempts = 2;
        resilience.IsIdempotent = method => method.Name == "Flaky";
        using var channel = Channel(resilience);
        var key = Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new Echo.EchoClient(channel).FlakyAsync(new FlakyRequest { Key = key, Failures = 10 }).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(3, fixture.Server.Journal.FlakyCalls(key));
    }

    [Fact]
    public async Task Method_not_marked_idempotent_is_tried_once()
    {
        using var channel = Channel(FastRetries());
        var key = Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new Echo.EchoClient(channel).FlakyAsync(new FlakyRequest { Key = key, Failures = 1 }).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(1, fixture.Server.Journal.FlakyCalls(key));
    }

    [Fact]
    public async Task Other_failure_codes_are_not_retried()
    {
        var resilience = FastRetries();
        resilience.IsIdempotent = _ => true;
        using var channel = Channel(resilience);
        var client = new Echo.EchoClient(channel);
        var before = fixture.Server.Journal.CrashCalls;

        var crashed = await Assert.ThrowsAsync<RpcException>(() => client.CrashAsync(new EchoRequest()).ResponseAsync.WithTimeout());
        var limited = await Assert.ThrowsAsync<RpcException>(() =>
            client.FailAsync(new FailRequest { Code = (int)StatusCode.ResourceExhausted, Message = "over the rate" }).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unknown, crashed.StatusCode);
        Assert.Equal(before + 1, fixture.Server.Journal.CrashCalls);
        Assert.Equal(StatusCode.ResourceExhausted, limited.StatusCode);
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
        using var channel = Channel(resilience);
        var client = new Echo.EchoClient(channel);
        var key = Guid.NewGuid().ToString("N");

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<RpcException>(() => client.FlakyAsync(new FlakyRequest { Key = key, Failures = 100 }).ResponseAsync.WithTimeout());
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => client.UnaryAsync(new EchoRequest { Text = "blocked" }).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("Circuit breaker is open", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(3, fixture.Server.Journal.FlakyCalls(key));
    }

    [Fact]
    public async Task Attempt_timeout_ends_a_slow_attempt_with_DEADLINE_EXCEEDED()
    {
        using var channel = Channel(new GrpcResilienceOptions { AttemptTimeout = TimeSpan.FromMilliseconds(200), UseCircuitBreaker = false });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new Echo.EchoClient(channel).SleepAsync(new SleepRequest { Milliseconds = 60_000 }).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task Successful_call_through_the_pipeline_reports_headers_status_and_trailers()
    {
        using var channel = Channel(FastRetries());
        using var call = new Echo.EchoClient(channel).HeadersAsync(new EchoRequest { Text = "through polly" });

        var reply = await call.ResponseAsync.WithTimeout();

        Assert.Equal("through polly", reply.Text);
        Assert.Equal("from-server", (await call.ResponseHeadersAsync.WithTimeout()).GetValue("echo-header"));
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        Assert.Equal("done", call.GetTrailers().GetValue("echo-trailer"));
    }

    [Fact]
    public async Task Caller_cancellation_is_CANCELLED_and_not_retried()
    {
        var resilience = FastRetries();
        resilience.IsIdempotent = _ => true;
        using var channel = Channel(resilience);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new Echo.EchoClient(channel).SleepAsync(new SleepRequest { Milliseconds = 60_000 }, cancellationToken: cancel.Token).ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    private ReleatChannel Channel(GrpcResilienceOptions resilience) =>
        ReleatChannel.ForAddress(fixture.Server.Address, new ReleatChannelOptions { Resilience = resilience });

    private static GrpcResilienceOptions FastRetries() => new()
    {
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        UseCircuitBreaker = false,
    };
}
