using System.Text;

namespace Releat.MarketData.Import;

/// <summary>
/// Reads a text file line by line as UTF-8 bytes from one reused buffer (no string per line). UTF-16 files (MT5
/// can export "Unicode" text) are recognised by their byte-order mark and transcoded on the fly.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private readonly FileStream _file;
    private readonly Stream _text;
    private byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;
    private bool _endOfFile;

    public Utf8LineReader(string path)
    {
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        TotalBytes = _file.Length;
        _text = OpenAsUtf8(_file);
    }

    public long TotalBytes { get; }

    /// <summary>Bytes of the file consumed so far (read-ahead included).</summary>
    public long BytesRead => _file.Position;

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            ReadOnlySpan<byte> pending = _buffer.AsSpan(_start, _end - _start);
            int newline = pending.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = TrimCarriageReturn(pending[..newline]);
                _start += newline + 1;
                LineNumber++;
                return true;
            }

            if (_endOfFile)
            {
                if (pending.IsEmpty)
                {
                    line = default;
                    return false;
                }

                line = TrimCarriageReturn(pending);
                _start = _end;
                LineNumber++;
                return true;
            }

            Fill();
        }
    }

    public void Dispose()
    {
        _text.Dispose();
        _file.Dispose();
    }

    private void Fill()
    {
        int pending = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
            _start = 0;
            _end = pending;
        }

        if (_end == _buffer.Length)
        {
            // A line longer than the buffer: grow rather than split it.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int read = _text.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfFile = true;
        }

        _end += read;
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    private static Stream OpenAsUtf8(FileStream file)
    {
        Span<byte> head = stackalloc byte[3];
        int n = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..n];
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            file.Position = 3;
            return file;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            file.Position = 2;
            return Encoding.CreateTranscodingStream(file, Encoding.Unicode, Encoding.UTF8, leaveOpen: true);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            file.Position = 2;
            return Encoding.CreateTranscodingStream(file, Encoding.BigEndianUnicode, Encoding.UTF8, leaveOpen: true);
        }

        file.Position = 0;
        if (n >= 2 && head[0] != 0 && head[1] == 0)
        {
            // UTF-16 little-endian without a byte-order mark: ASCII text with every second byte zero.
            return Encoding.CreateTranscodingStream(file, Encoding.Unicode, Encoding.UTF8, leaveOpen: true);
        }

        return file;
    }
}
