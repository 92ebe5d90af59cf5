using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1;
using Releat.Grpc.Tests.Support;
using Releat.Test.V1;

namespace Releat.Grpc.Tests;

/// <summary>
/// Bearer tokens per caller: no token or a wrong one is UNAUTHENTICATED with a Bearer challenge, a read token on a
/// trade method is PERMISSION_DENIED, the right token passes; health and reflection stay open.
/// </summary>
public sealed class AuthTests : IAsyncLifetime
{
    private AuthTestServer _server = null!;

    public async Task InitializeAsync() => _server = await AuthTestServer.StartAsync(TestTokens.AddBothCallers);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated_with_a_bearer_challenge()
    {
        using var channel = _server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("www-authenticate: Bearer", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("Bearer realm=\"releat\"", error.Trailers.GetValue("www-authenticate"));
    }

    [Fact]
    public async Task A_wrong_token_is_unauthenticated_and_never_echoed()
    {
        using var channel = _server.CreateChannel(TestTokens.Wrong);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("invalid_token", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(TestTokens.Wrong, error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Logs.Lines, line => line.Contains(TestTokens.Wrong, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Basic dHJhZGVyOnNlY3JldA==")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearertrader-token-0123456789abcdef0123456789")]
    [InlineData("trader-token-0123456789abcdef0123456789")]
    public async Task An_authorization_that_is_not_a_bearer_token_is_unauthenticated(string authorization)
    {
        using var channel = _server.CreateChannel();
        var headers = new Metadata { { "authorization", authorization } };

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest(), headers));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task A_read_token_on_trade_methods_is_permission_denied()
    {
        using var channel = _server.CreateChannel(TestTokens.Reader);
        var client = new Echo.EchoClient(channel);

        var onOverride = await Assert.ThrowsAsync<RpcException>(async () => await client.SleepAsync(new SleepRequest()));
        var namedByClass = await Assert.ThrowsAsync<RpcException>(async () => await client.FailAsync(new FailRequest()));

        Assert.Equal(StatusCode.PermissionDenied, onOverride.StatusCode);
        Assert.Equal("Caller 'dashboard' has role read; /releat.test.v1.Echo/Sleep needs role trade.", onOverride.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, namedByClass.StatusCode);
    }

    [Fact]
    public async Task The_right_tokens_pass_and_the_handler_knows_the_caller()
    {
        using var traderChannel = _server.CreateChannel(TestTokens.Trader);
        using var readerChannel = _server.CreateChannel(TestTokens.Reader);
        var trader = new Echo.EchoClient(traderChannel);
        var reader = new Echo.EchoClient(readerChannel);

        Assert.Equal("trader", (await trader.UnaryAsync(new EchoRequest())).Text);
        Assert.Equal("traded by trader", (await trader.SleepAsync(new SleepRequest())).Text);
        Assert.Equal("dashboard", (await reader.UnaryAsync(new EchoRequest())).Text);

        // A method the class names for trade and does not override: past the guard, the base answers UNIMPLEMENTED.
        var fail = await Assert.ThrowsAsync<RpcException>(async () => await trader.FailAsync(new FailRequest()));
        Assert.Equal(StatusCode.Unimplemented, fail.StatusCode);
    }

    [Fact]
    public async Task Streaming_calls_are_guarded_the_same_way()
    {
        using var anonymous = _server.CreateChannel();
        using var reader = _server.CreateChannel(TestTokens.Reader);

        using var refused = new Echo.EchoClient(anonymous).ServerStream(new StreamRequest { Count = 2 });
        var error = await Assert.ThrowsAsync<RpcException>(async () => await refused.ResponseStream.MoveNext(CancellationToken.None));
        using var allowed = new Echo.EchoClient(reader).ServerStream(new StreamRequest { Count = 2 });
        var replies = await allowed.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(["dashboard", "dashboard"], replies.Select(r => r.Text));
    }

    [Fact]
    public async Task Explicit_call_metadata_overrides_the_channel_token()
    {
        using var channel = _server.CreateChannel(TestTokens.Reader);
        var headers = new Metadata { { "authorization", "Bearer " + TestTokens.Trader } };

        var reply = await new Echo.EchoClient(channel).SleepAsync(new SleepRequest(), headers);

        Assert.Equal("traded by trader", reply.Text);
    }

    [Fact]
    public async Task A_token_provider_is_asked_on_every_call()
    {
        var asked = 0;
        using var channel = GrpcChannel.ForAddress(_server.Address, new GrpcChannelOptions
        {
            BearerTokenProvider = () => Interlocked.Increment(ref asked) == 1 ? TestTokens.Reader : TestTokens.Trader,
        });
        var client = new Echo.EchoClient(channel);

        var first = await client.UnaryAsync(new EchoRequest());
        var second = await client.UnaryAsync(new EchoRequest());

        Assert.Equal(["dashboard", "trader"], new[] { first.Text, second.Text });
    }

    [Fact]
    public async Task Health_reflection_and_open_methods_answer_without_a_token()
    {
        using var channel = _server.CreateChannel();

        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        using var reflection = new ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await reflection.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "*" });
        await reflection.RequestStream.CompleteAsync();
        var listed = (await reflection.ResponseStream.ReadAllAsync().ToListAsync()).SelectMany(r => r.ListServicesResponse.Service);
        var open = await new Echo.EchoClient(channel).HeadersAsync(new EchoRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Contains(listed, s => s.Name == "releat.test.v1.Echo");
        Assert.Equal("(none)", open.Text);
    }

    [Fact]
    public async Task Log_lines_of_a_call_carry_the_caller_name_and_never_the_token()
    {
        using var channel = _server.CreateChannel(TestTokens.Trader);

        await new Echo.EchoClient(channel).UnaryAsync(new EchoRequest { Text = "scoped" });

        var line = Assert.Single(_server.Logs.Lines, l => l.Contains("Served scoped", StringComparison.Ordinal));
        Assert.Contains("caller trader", line, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Logs.Lines, l => l.Contains(TestTokens.Trader, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Denials_are_counted_by_reason()
    {
        var denied = new ConcurrentBag<(string Method, string Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Releat.Grpc.Server" && instrument.Name == "grpc.server.auth.denied")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => denied.Add((Tag(tags, "grpc.method"), Tag(tags, "reason"))));
        listener.Start();
        using var anonymous = _server.CreateChannel();
        using var wrong = _server.CreateChannel(TestTokens.Wrong);
        using var reader = _server.CreateChannel(TestTokens.Reader);

        await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(anonymous).UnaryAsync(new EchoRequest()));
        await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(wrong).UnaryAsync(new EchoRequest()));
        await Assert.ThrowsAsync<RpcException>(async () => await new Echo.EchoClient(reader).SleepAsync(new SleepRequest()));

        Assert.Contains(("Unary", "missing_token"), denied);
        Assert.Contains(("Unary", "invalid_token"), denied);
        Assert.Contains(("Sleep", "insufficient_role"), denied);
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData(TestTokens.Wrong, 401)]
    [InlineData(TestTokens.Reader, 403)]
    [InlineData(TestTokens.Trader, 200)]
    public async Task Http_endpoints_can_require_the_same_tokens(string? token, int expected)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.Address, "/positions"))
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(expected, (int)response.StatusCode);
        if (expected == 401)
        {
            Assert.StartsWith("Bearer realm=\"releat\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }
    }

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString() ?? "";
            }
        }

        return "";
    }
}
