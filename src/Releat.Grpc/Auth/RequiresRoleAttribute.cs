namespace Releat.Grpc;

/// <summary>
/// The role a caller's token must carry to call a gRPC method. Put it on a service's override method, or on the
/// service class for all its methods; on the class, <see cref="Methods"/> narrows it to the named methods (for
/// methods the class does not override yet). Methods without it need <see cref="GrpcRole.Read"/> when
/// authentication is on. Read once, when MapGrpcService maps the service.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class RequiresRoleAttribute(GrpcRole role) : Attribute
{
    public GrpcRole Role { get; } = role;

    /// <summary>On the class only: the gRPC method names this applies to; empty means every method.</summary>
    public string[] Methods { get; set; } = [];
}
