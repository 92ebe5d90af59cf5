namespace Grpc.Core;

/// <summary>The four call shapes: how many messages each side sends.</summary>
public enum MethodType
{
    Unary,
    ClientStreaming,
    ServerStreaming,
    DuplexStreaming,
}
