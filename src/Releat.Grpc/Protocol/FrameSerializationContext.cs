using System.Buffers;
using Grpc.Core;

namespace Releat.Grpc.Protocol;

/// <summary>
/// Writes one message as a length-prefixed frame into an output buffer writer. When the serializer announces the
/// length first (generated protobuf code does), the header goes out and the message is written straight after it,
/// with no intermediate copy; otherwise the message is collected in a reused scratch buffer first.
/// One instance per call or stream, reset for each message.
/// </summary>
internal sealed class FrameSerializationContext : SerializationContext
{
    private readonly ArrayBufferWriter<byte> _scratch = new();
    private IBufferWriter<byte> _output = null!;
    private bool _compress;
    private int _maxSize;
    private bool _writingDirect;

    /// <summary>Bytes of the last frame, header included; for metrics and tests.</summary>
    public int LastFrameLength { get; private set; }

    public void Reset(IBufferWriter<byte> output, bool compress, int? maxSendMessageSize)
    {
        _output = output;
        _compress = compress;
        _maxSize = maxSendMessageSize ?? int.MaxValue;
        _writingDirect = false;
        _scratch.ResetWrittenCount();
    }

    public override void SetPayloadLength(int payloadLength)
    {
        CheckSize(payloadLength);
        if (_compress)
        {
            return;
        }

        FrameHeader.Write(_output.GetSpan(GrpcProtocol.FrameHeaderSize), isCompressed: false, payloadLength);
        _output.Advance(GrpcProtocol.FrameHeaderSize);
        LastFrameLength = GrpcProtocol.FrameHeaderSize + payloadLength;
        _writingDirect = true;
    }

    public override IBufferWriter<byte> GetBufferWriter() => _writingDirect ? _output : _scratch;

    public override void Complete()
    {
        if (!_writingDirect)
        {
            WriteFrame(_scratch.WrittenSpan);
        }
    }

    public override void Complete(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        WriteFrame(payload);
    }

    private void WriteFrame(ReadOnlySpan<byte> payload)
    {
        CheckSize(payload.Length);
        if (_compress)
        {
            payload = GzipCodec.Compress(payload);
        }

        var frame = _output.GetSpan(GrpcProtocol.FrameHeaderSize + payload.Length);
        FrameHeader.Write(frame, _compress, payload.Length);
        payload.CopyTo(frame[GrpcProtocol.FrameHeaderSize..]);
        _output.Advance(GrpcProtocol.FrameHeaderSize + payload.Length);
        LastFrameLength = GrpcProtocol.FrameHeaderSize + payload.Length;
    }

    private void CheckSize(int payloadLength)
    {
        if (payloadLength > _maxSize)
        {
            throw new RpcException(new Status(
                StatusCode.ResourceExhausted,
                $"Sending message exceeds the maximum configured message size ({payloadLength} > {_maxSize} bytes)."));
        }
    }
}
