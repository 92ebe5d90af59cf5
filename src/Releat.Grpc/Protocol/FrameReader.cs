using System.Buffers;
using System.IO.Pipelines;
using Grpc.Core;

namespace Releat.Grpc.Protocol;

/// <summary>
/// Reads length-prefixed messages from a pipe: the server's request body or the client's response body. A message
/// is deserialized straight from the pipe's buffers (no copy unless it was compressed), then the pipe advances.
/// Protocol violations become RpcExceptions with the status the spec asks for.
/// </summary>
internal sealed class FrameReader(PipeReader reader, int? maxReceiveMessageSize, string? messageEncoding, string messageKind)
{
    private readonly PayloadDeserializationContext _context = new();
    private readonly int _maxSize = maxReceiveMessageSize ?? int.MaxValue;
    private readonly bool _isGzip = string.Equals(messageEncoding, GrpcProtocol.GzipEncoding, StringComparison.OrdinalIgnoreCase);

    /// <summary>The next message, or null when the sender ended the stream cleanly between messages.</summary>
    public async ValueTask<T?> ReadMessageAsync<T>(Func<DeserializationContext, T> deserialize, CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (result.IsCanceled)
            {
                reader.AdvanceTo(buffer.Start);
                throw new OperationCanceledException("Reading the message stream was canceled.");
            }

            if (FrameHeader.TryRead(buffer, out var header))
            {
                CheckHeader(buffer, header);
                var frameLength = GrpcProtocol.FrameHeaderSize + (long)header.PayloadLength;
                if (buffer.Length >= frameLength)
                {
                    var payload = buffer.Slice(GrpcProtocol.FrameHeaderSize, header.PayloadLength);
                    try
                    {
                        return Deserialize(deserialize, payload, header.IsCompressed);
                    }
                    finally
                    {
                        reader.AdvanceTo(buffer.GetPosition(frameLength));
                    }
                }
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                if (buffer.Length == 0)
                {
                    return null;
                }

                throw new RpcException(new Status(
                    StatusCode.Internal,
                    $"Incomplete {messageKind} message: the stream ended after {buffer.Length} bytes of a frame."));
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Unary requests and responses carry exactly one message; anything else is a protocol error.</summary>
    public async ValueTask<T> ReadSingleMessageAsync<T>(Func<DeserializationContext, T> deserialize, CancellationToken cancellationToken)
        where T : class
    {
        var message = await ReadMessageAsync(deserialize, cancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.Internal, $"The {messageKind} stream ended without a message."));
        var extra = await ReadMessageAsync(static _ => new object(), cancellationToken).ConfigureAwait(false);
        if (extra is not null)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"More than one {messageKind} message on a unary call."));
        }

        return message;
    }

    private void CheckHeader(in ReadOnlySequence<byte> buffer, FrameHeader header)
    {
        Span<byte> first = stackalloc byte[1];
        buffer.Slice(0, 1).CopyTo(first);
        if (!FrameHeader.HasValidFlag(first))
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Invalid compressed-flag byte {first[0]} in a {messageKind} frame."));
        }

        if (header.PayloadLength > _maxSize)
        {
            throw new RpcException(new Status(
                StatusCode.ResourceExhausted,
                $"Received {messageKind} message exceeds the maximum configured message size ({header.PayloadLength} > {_maxSize} bytes)."));
        }

        if (header.IsCompressed && !_isGzip)
        {
            throw new RpcException(new Status(
                StatusCode.Internal,
                $"A {messageKind} message has the compressed flag set but grpc-encoding is '{messageEncoding ?? "identity"}'."));
        }
    }

    private T Deserialize<T>(Func<DeserializationContext, T> deserialize, ReadOnlySequence<byte> payload, bool isCompressed)
    {
        if (isCompressed)
        {
            byte[]? inflated;
            try
            {
                inflated = GzipCodec.Decompress(payload, _maxSize);
            }
            catch (InvalidDataException ex)
            {
                throw new RpcException(new Status(StatusCode.Internal, $"A {messageKind} message is not valid gzip.", ex));
            }

            if (inflated is null)
            {
                throw new RpcException(new Status(
                    StatusCode.ResourceExhausted,
                    $"Decompressed {messageKind} message exceeds the maximum configured message size ({_maxSize} bytes)."));
            }

            payload = new ReadOnlySequence<byte>(inflated);
        }

        _context.Reset(payload);
        try
        {
            return deserialize(_context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Failed to deserialize {messageKind} message.", ex));
        }
        finally
        {
            _context.Reset(default);
        }
    }
}
