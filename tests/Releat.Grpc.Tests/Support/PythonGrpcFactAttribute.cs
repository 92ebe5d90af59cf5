namespace Releat.Grpc.Tests.Support;

/// <summary>A fact that skips, saying why, when Debian's python3-grpcio or protoc is missing (CI installs both).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PythonGrpcFactAttribute : FactAttribute
{
    public PythonGrpcFactAttribute()
    {
        if (PythonGrpc.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
