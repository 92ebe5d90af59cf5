using System.Buffers;
using Grpc.Core;

namespace Releat.Grpc.Protocol;

/// <summary>Hands one received payload to a deserializer; reused for every message of a stream.</summary>
internal sealed class PayloadDeserializationContext : DeserializationContext
{
    private ReadOnlySequence<byte> _payload;

    public override int PayloadLength => checked((int)_payload.Length);

    public void Reset(in ReadOnlySequence<byte> payload) => _payload = payload;

    public override byte[] PayloadAsNewBuffer() => _payload.ToArray();

    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => _payload;
}
