using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Releat.Contracts.Channels;

namespace Releat.ServiceDefaults.Clients;

/// <summary>
/// A generated gRPC client built by DI through Grpc.Net.ClientFactory, with the same settings
/// <see cref="ReleatChannel"/> gives a channel made by hand: the handler, limits, the bearer token as call credentials
/// and, when set, one Polly interceptor shared by every client instance (so its breaker sees every call).
/// </summary>
public static class ReleatGrpcClientExtensions
{
    public static IHttpClientBuilder AddReleatGrpcClient<TClient>(this IServiceCollection services, string address, ReleatChannelOptions options)
        where TClient : ClientBase
    {
        ArgumentException.ThrowIfNullOrEmpty(address);
        ArgumentNullException.ThrowIfNull(options);
        var credentials = BearerToken.Credentials(options.BearerToken, options.BearerTokenProvider);
        bool secure = address.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
        var builder = services
            .AddGrpcClient<TClient>(o => o.Address = new Uri(address))
            .ConfigurePrimaryHttpMessageHandler(() => ReleatChannel.Handler(options))
            .ConfigureChannel(channel =>
            {
                channel.MaxReceiveMessageSize = options.MaxReceiveMessageSize;
                channel.MaxSendMessageSize = options.MaxSendMessageSize;
                // Loopback services run on plain HTTP/2; beyond loopback the deployment uses https:// (docs/SECURITY.md).
                channel.UnsafeUseInsecureChannelCallCredentials = credentials is not null && !secure;
            });
        if (credentials is not null)
        {
            builder.AddCallCredentials(credentials);
        }

        if (options.Resilience is { } resilience)
        {
            var interceptor = new ResilienceInterceptor(resilience);
            builder.AddInterceptor(() => interceptor);
        }

        return builder;
    }
}
