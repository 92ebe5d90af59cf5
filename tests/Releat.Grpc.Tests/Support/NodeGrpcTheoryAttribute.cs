namespace Releat.Grpc.Tests.Support;

/// <summary>A theory that skips, saying why, when node or the interop client's npm packages are missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NodeGrpcTheoryAttribute : TheoryAttribute
{
    public NodeGrpcTheoryAttribute()
    {
        if (NodeGrpc.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
