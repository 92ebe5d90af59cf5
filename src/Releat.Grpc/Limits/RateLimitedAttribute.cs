namespace Releat.Grpc;

/// <summary>
/// Limits how often each caller may call this method, with the token bucket configured under
/// <c>Grpc:RateLimits:{policy}</c> (see <see cref="GrpcRateLimitOptions"/>). Every caller has its own bucket, and
/// methods naming the same policy share it. A call over the limit ends with RESOURCE_EXHAUSTED. On a method, or on
/// the service class for all its methods.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class RateLimitedAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}
