using System.Buffers;

namespace Grpc.Core;

/// <summary>
/// Where a serializer puts one message: either a finished byte array, or bytes written into the transport's buffer
/// writer (optionally announcing the length first so the frame header can go out before the payload).
/// </summary>
public abstract class SerializationContext
{
    public virtual void Complete(byte[] payload) => throw new NotSupportedException();

    public virtual IBufferWriter<byte> GetBufferWriter() => throw new NotSupportedException();

    public virtual void SetPayloadLength(int payloadLength)
    {
    }

    public virtual void Complete() => throw new NotSupportedException();
}
