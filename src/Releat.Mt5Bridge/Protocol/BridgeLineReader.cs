using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Releat.Mt5Bridge.Protocol;

/// <summary>
/// Reads LF-terminated UTF-8 lines from the terminal's connection and refuses any line longer than the protocol
/// allows, so a broken or hostile peer cannot make the gateway buffer without bound.
/// </summary>
public sealed class BridgeLineReader
{
    public const int MaxLineBytes = 16_384;

    private readonly PipeReader _reader;
    private long _lineNumber;

    public BridgeLineReader(Stream stream) => _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));

    /// <summary>The next line, or null when the peer closed the connection at a line boundary.</summary>
    public async ValueTask<BridgeLine?> ReadLineAsync(CancellationToken cancellation)
    {
        while (true)
        {
            var result = await _reader.ReadAsync(cancellation).ConfigureAwait(false);
            var buffer = result.Buffer;
            var newline = buffer.PositionOf((byte)'\n');
            if (newline is { } end)
            {
                var line = buffer.Slice(0, end);
                if (line.Length > MaxLineBytes)
                {
                    throw new BridgeProtocolException($"MT5 bridge line {_lineNumber + 1}: longer than {MaxLineBytes} bytes");
                }

                var text = Decode(line);
                _reader.AdvanceTo(buffer.GetPosition(1, end));
                _lineNumber++;
                return new BridgeLine(text, _lineNumber);
            }

            if (buffer.Length > MaxLineBytes)
            {
                throw new BridgeProtocolException($"MT5 bridge line {_lineNumber + 1}: longer than {MaxLineBytes} bytes");
            }

            if (result.IsCompleted)
            {
                if (buffer.Length > 0)
                {
                    throw new BridgeProtocolException($"MT5 bridge line {_lineNumber + 1}: connection closed in the middle of a line");
                }

                return null;
            }

            _reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static string Decode(ReadOnlySequence<byte> line)
    {
        var text = Encoding.UTF8.GetString(line);
        return text.EndsWith('\r') ? text[..^1] : text;
    }
}
