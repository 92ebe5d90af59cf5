namespace Grpc.Core;

/// <summary>Options for the messages written by a stream writer or a call.</summary>
public class WriteOptions(WriteFlags flags = WriteFlags.None)
{
    public static readonly WriteOptions Default = new();

    public WriteFlags Flags { get; } = flags;
}
