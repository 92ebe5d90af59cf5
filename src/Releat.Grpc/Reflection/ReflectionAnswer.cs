using Google.Protobuf;
using Grpc.Core;

namespace Releat.Grpc.Reflection;

/// <summary>
/// A reflection answer independent of the protocol version: files, service names, extension numbers or an error.
/// The v1 and v1alpha services copy it into their own (identically shaped) response messages.
/// </summary>
internal sealed record ReflectionAnswer
{
    public IReadOnlyList<ByteString>? Files { get; init; }

    public IReadOnlyList<string>? Services { get; init; }

    public string? ExtensionBaseType { get; init; }

    public int ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public static ReflectionAnswer NotFound(string message) => new() { ErrorCode = (int)StatusCode.NotFound, ErrorMessage = message };

    public static ReflectionAnswer Invalid(string message) => new() { ErrorCode = (int)StatusCode.InvalidArgument, ErrorMessage = message };
}
