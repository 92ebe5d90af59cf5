using System.Buffers;

namespace Grpc.Core;

/// <summary>Collects one message into a byte array; bridges contextual serializers to the byte-array API.</summary>
internal sealed class ArraySerializationContext : SerializationContext
{
    private ArrayBufferWriter<byte>? _writer;

    public byte[] Result { get; private set; } = [];

    public override void Complete(byte[] payload) => Result = payload;

    public override IBufferWriter<byte> GetBufferWriter() => _writer ??= new ArrayBufferWriter<byte>();

    public override void Complete() => Result = _writer is null ? [] : _writer.WrittenSpan.ToArray();
}
