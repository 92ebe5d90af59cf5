using Grpc.Core;

namespace Releat.Contracts.Channels;

/// <summary>
/// The bearer token a channel attaches to its calls, as gRPC call credentials: a fixed token's header value is built
/// once; a provider is asked on every call. Tokens with whitespace or control characters are refused so they cannot
/// split headers.
/// </summary>
public static class BearerToken
{
    /// <summary>Call credentials that send the token, or null when neither a token nor a provider is set.</summary>
    public static CallCredentials? Credentials(string? token, Func<string?>? provider)
    {
        if (!string.IsNullOrEmpty(token) && provider is not null)
        {
            throw new ArgumentException("Set ReleatChannelOptions.BearerToken or BearerTokenProvider, not both.", nameof(token));
        }

        if (provider is not null)
        {
            return CallCredentials.FromInterceptor((_, metadata) =>
            {
                var current = provider();
                if (!string.IsNullOrEmpty(current))
                {
                    metadata.Add("authorization", Header(current));
                }

                return Task.CompletedTask;
            });
        }

        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var header = Header(token);
        return CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", header);
            return Task.CompletedTask;
        });
    }

    /// <summary>"Bearer &lt;token&gt;", after checking the token cannot break the header.</summary>
    public static string Header(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        foreach (var c in token)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                // The message must not carry the token: it may end up in logs.
                throw new ArgumentException("The bearer token contains whitespace or control characters.", nameof(token));
            }
        }

        return "Bearer " + token;
    }
}
