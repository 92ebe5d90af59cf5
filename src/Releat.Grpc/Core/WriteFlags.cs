namespace Grpc.Core;

/// <summary>Per-write hints; only NoCompress changes what this transport does.</summary>
[Flags]
#pragma warning disable CA1711 // The name is Grpc.Core's.
public enum WriteFlags
{
    None = 0,
    BufferHint = 0x1,
    NoCompress = 0x2,
}
#pragma warning restore CA1711
