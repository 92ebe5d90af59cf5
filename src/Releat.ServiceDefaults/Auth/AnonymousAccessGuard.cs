using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Releat.ServiceDefaults.Auth;

/// <summary>
/// The safe default when no callers are configured: once Kestrel has bound its endpoints, serve without tokens only
/// if every one is on loopback. Beyond loopback the host refuses to start (its StartAsync throws, naming
/// Auth:Callers) unless Auth:AllowAnonymous=true, which is logged as a warning. Until this has run the server is
/// Undecided and answers nothing protected, so the moment between binding and this check is closed too.
/// </summary>
internal sealed partial class AnonymousAccessGuard(
    CallerAuthentication authentication, IServiceProvider services, ILogger<AnonymousAccessGuard> logger) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (authentication.CallerCount > 0)
        {
            if (authentication.Options.AllowAnonymous)
            {
                LogAllowAnonymousIgnored(logger, authentication.CallerCount);
            }

            LogTokensRequired(logger, authentication.CallerCount);
            return Task.CompletedTask;
        }

        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var exposed = addresses.Where(a => !ListenAddress.IsLocalOnly(a)).ToArray();
        if (exposed.Length == 0)
        {
            authentication.OpenWithoutTokens();
            var bound = string.Join(", ", addresses);
            LogLoopbackOnly(logger, bound);
            return Task.CompletedTask;
        }

        var exposedList = string.Join(", ", exposed);
        if (authentication.Options.AllowAnonymous)
        {
            authentication.OpenWithoutTokens();
            LogAnonymousBeyondLoopback(logger, exposedList);
            return Task.CompletedTask;
        }

        throw new InvalidOperationException(
            $"gRPC is listening beyond loopback ({exposedList}) but no callers are configured, so anyone who can " +
            "reach it could trade. Add callers under Auth:Callers (Name, Role read|trade, Token or TokenFile; e.g. " +
            "Auth__Callers__0__Name=trader Auth__Callers__0__Role=trade Auth__Callers__0__TokenFile=/run/secrets/trader-token), " +
            "bind only to loopback (Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:PORT), or set Auth:AllowAnonymous=true " +
            "to serve without authentication on purpose.");
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "gRPC authentication on: {CallerCount} caller(s) configured")]
    private static partial void LogTokensRequired(ILogger logger, int callerCount);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning,
        Message = "Auth:AllowAnonymous=true is ignored: {CallerCount} caller(s) are configured, so every protected call needs a token")]
    private static partial void LogAllowAnonymousIgnored(ILogger logger, int callerCount);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information,
        Message = "gRPC authentication off: no callers configured and every endpoint is on loopback ({Addresses})")]
    private static partial void LogLoopbackOnly(ILogger logger, string addresses);

    [LoggerMessage(EventId = 23, Level = LogLevel.Critical,
        Message = "SECURITY: gRPC serves WITHOUT AUTHENTICATION beyond loopback ({Addresses}) because Auth:AllowAnonymous=true. " +
                  "Anyone who can reach these addresses can trade. Configure Auth:Callers to turn authentication on.")]
    private static partial void LogAnonymousBeyondLoopback(ILogger logger, string addresses);
}
