namespace Releat.Grpc.Tests.Support;

/// <summary>A fact that skips, saying why, when node or the interop client's npm packages are missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NodeGrpcFactAttribute : FactAttribute
{
    public NodeGrpcFactAttribute()
    {
        if (NodeGrpc.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
