namespace Releat.Grpc.Tests.Support;

/// <summary>A theory that skips, saying why, when Debian's python3-grpcio or protoc is missing (CI installs both).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PythonGrpcTheoryAttribute : TheoryAttribute
{
    public PythonGrpcTheoryAttribute()
    {
        if (PythonGrpc.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
