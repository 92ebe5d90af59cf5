using System.IO.Hashing;

namespace Releat.ServiceDefaults.Grpc;

/// <summary>
/// A gzip member as it inflates, held to what a message must be: it throws once more than <c>limit</c> bytes have
/// come out, and at its end unless their CRC-32 and length are those the member's trailer gives. .NET's GZipStream
/// ends a member cut short without complaint, which would hand a service a shorter message than was sent.
/// </summary>
internal sealed class InflatedMessageStream(Stream inner, long limit, uint expectedCrc, uint expectedLength) : Stream
{
    private readonly Crc32 _crc = new();
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer);
        return Check(buffer[..read], buffer.IsEmpty);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Check(buffer.Span[..read], buffer.IsEmpty);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Check(ReadOnlySpan<byte> inflated, bool askedForNothing)
    {
        _read += inflated.Length;
        if (_read > limit)
        {
            throw new InvalidDataException($"The compressed message inflates to more than {limit} bytes, the server's receive limit.");
        }

        _crc.Append(inflated);
        if (inflated.IsEmpty && !askedForNothing && (_crc.GetCurrentHashAsUInt32() != expectedCrc || (uint)_read != expectedLength))
        {
            throw new InvalidDataException(
                "The gzip-compressed message is cut short or damaged: what it inflates to does not match its trailer (CRC-32, length).");
        }

        return inflated.Length;
    }
}
