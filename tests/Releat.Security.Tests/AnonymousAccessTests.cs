using Grpc.Core;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Releat.Security.Tests.Support;
using Releat.ServiceDefaults.Auth;
using Options = Microsoft.Extensions.Options.Options;
using Releat.Testing;

namespace Releat.Security.Tests;

/// <summary>
/// The loopback rule as the guard applies it to the addresses Kestrel reports, without binding beyond loopback here:
/// Auth:AllowAnonymous=true serves beyond loopback only with a Critical warning; with callers such a server requires
/// tokens; before the addresses are checked nothing protected is served; which addresses count as loopback.
/// </summary>
public sealed class AnonymousAccessTests
{
    [Fact]
    public async Task Allow_anonymous_serves_beyond_loopback_with_a_loud_warning()
    {
        using var logs = new CapturedLogs();
        var (guard, authentication) = Guard(new CallerAuthOptions { AllowAnonymous = true }, logs, "http://0.0.0.0:6001");

        await guard.StartedAsync(CancellationToken.None);

        Assert.True(authentication.TryAuthenticate(StringValues.Empty, out var caller, out _));
        Assert.Equal(Caller.Anonymous, caller);
        var warning = Assert.Single(logs.Lines, l => l.StartsWith("Critical:", StringComparison.Ordinal));
        Assert.Contains("WITHOUT AUTHENTICATION", warning, StringComparison.Ordinal);
        Assert.Contains("http://0.0.0.0:6001", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_callers_a_server_beyond_loopback_starts_and_requires_tokens()
    {
        var options = new CallerAuthOptions();
        options.Callers.Add(new CallerOptions { Name = "trader", Role = "trade", Token = HostTokens.Trade });
        using var logs = new CapturedLogs();
        var (guard, authentication) = Guard(options, logs, "http://0.0.0.0:6001", "http://[::]:6081");

        await guard.StartedAsync(CancellationToken.None);

        Assert.False(authentication.TryAuthenticate(StringValues.Empty, out _, out var missing));
        Assert.Equal(StatusCode.Unauthenticated, missing.Code);
        Assert.True(authentication.TryAuthenticate(new StringValues("Bearer " + HostTokens.Trade), out var caller, out _));
        Assert.Equal("trader", caller.Name);
    }

    [Fact]
    public void Until_the_endpoints_are_checked_nothing_protected_is_served()
    {
        var authentication = new CallerAuthentication(Options.Create(new CallerAuthOptions()));

        var admitted = authentication.TryAuthenticate(StringValues.Empty, out _, out var denial);

        Assert.False(admitted);
        Assert.Equal(StatusCode.Unavailable, denial.Code);
    }

    [Theory]
    [InlineData("http://127.0.0.1:6001", true)]
    [InlineData("https://127.0.0.1:6001", true)]
    [InlineData("http://127.10.0.3:6001", true)]
    [InlineData("http://[::1]:6001", true)]
    [InlineData("http://localhost:6001", true)]
    [InlineData("http://unix:/run/releat/gateway.sock", true)]
    [InlineData("http://0.0.0.0:6001", false)]
    [InlineData("http://[::]:6001", false)]
    [InlineData("http://192.168.1.20:6001", false)]
    [InlineData("http://gateway.internal:6001", false)]
    [InlineData("http://*:6001", false)]
    [InlineData("not a url", false)]
    public void Listen_addresses_are_local_only_when_on_loopback(string address, bool localOnly) =>
        Assert.Equal(localOnly, ListenAddress.IsLocalOnly(address));

    private static (AnonymousAccessGuard Guard, CallerAuthentication Authentication) Guard(
        CallerAuthOptions options, CapturedLogs logs, params string[] addresses)
    {
        var authentication = new CallerAuthentication(Options.Create(options));
        var services = new ServiceCollection().AddSingleton<IServer>(_ => new BoundServer(addresses)).BuildServiceProvider();
        var logger = new CapturedLogsLogger<AnonymousAccessGuard>(logs);
        return (new AnonymousAccessGuard(authentication, services, logger), authentication);
    }

    /// <summary>The guard's logger, writing to the captured lines.</summary>
    private sealed class CapturedLogsLogger<T>(CapturedLogs logs) : ILogger<T>
    {
        private readonly ILogger _inner = logs.CreateLogger(typeof(T).FullName!);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => _inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => _inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _inner.Log(logLevel, eventId, state, exception, formatter);
    }

    /// <summary>A server that only reports the addresses it would be bound to.</summary>
    private sealed class BoundServer : IServer
    {
        public BoundServer(IEnumerable<string> addresses)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in addresses)
            {
                feature.Addresses.Add(address);
            }

            Features.Set<IServerAddressesFeature>(feature);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
