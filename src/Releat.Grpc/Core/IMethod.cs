namespace Grpc.Core;

/// <summary>A method's identity without its message types, for code that routes or logs calls.</summary>
public interface IMethod
{
    MethodType Type { get; }

    /// <summary>Fully qualified service name, e.g. "grpc.health.v1.Health".</summary>
    string ServiceName { get; }

    string Name { get; }

    /// <summary>The HTTP/2 path, "/{ServiceName}/{Name}".</summary>
    string FullName { get; }
}
