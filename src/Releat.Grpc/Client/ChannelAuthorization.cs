namespace Releat.Grpc.Client;

/// <summary>
/// The bearer token a channel attaches to its calls: a fixed token's header value is built once; a provider is
/// asked on every call. Tokens with whitespace or control characters are refused so they cannot split headers.
/// </summary>
internal sealed class ChannelAuthorization
{
    private readonly string? _fixedHeader;
    private readonly Func<string?>? _provider;

    private ChannelAuthorization(string? fixedHeader, Func<string?>? provider)
    {
        _fixedHeader = fixedHeader;
        _provider = provider;
    }

    public static ChannelAuthorization? From(GrpcChannelOptions options)
    {
        if (options.BearerToken is not null && options.BearerTokenProvider is not null)
        {
            throw new ArgumentException("Set GrpcChannelOptions.BearerToken or BearerTokenProvider, not both.", nameof(options));
        }

        if (options.BearerTokenProvider is { } provider)
        {
            return new ChannelAuthorization(null, provider);
        }

        return string.IsNullOrEmpty(options.BearerToken) ? null : new ChannelAuthorization(Header(options.BearerToken), null);
    }

    public string? HeaderValue()
    {
        if (_fixedHeader is not null)
        {
            return _fixedHeader;
        }

        var token = _provider!();
        return string.IsNullOrEmpty(token) ? null : Header(token);
    }

    private static string Header(string token)
    {
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
