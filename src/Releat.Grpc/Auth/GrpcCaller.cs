namespace Releat.Grpc;

/// <summary>Who made a call: the configured caller's name (never its token) and role.</summary>
public sealed record GrpcCaller(string Name, GrpcRole Role)
{
    /// <summary>The caller of a server that runs without authentication (loopback only, or AllowAnonymous).</summary>
    public static GrpcCaller Anonymous { get; } = new("anonymous", GrpcRole.Trade);

    /// <summary>Trade includes read.</summary>
    public bool Has(GrpcRole required) => Role >= required;
}
