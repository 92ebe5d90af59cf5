using System.Buffers.Binary;
using System.Text;
using Releat.Checksums;
using Releat.MarketData.Time;

namespace Releat.MarketData.Storage;

/// <summary>
/// The 64-byte header at the start of every series file: what it holds, for which symbol and month, and how big
/// its records are, protected by its own CRC-32C (layout in FORMAT.md).
/// </summary>
public readonly record struct SeriesFileHeader(
    SeriesKind Kind, int RecordSize, int TimeframeSeconds, long MonthStartMs, string Symbol)
{
    public const int Size = 64;
    public const ushort CurrentVersion = 1;
    public const int MaxSymbolBytes = 32;

    /// <summary>"RLTS" read as a little-endian uint.</summary>
    public const uint Magic = 0x53544C52;

    /// <summary>Byte offset of record <paramref name="index"/> in a file with <paramref name="recordSize"/>-byte records.</summary>
    public static long Offset(long index, int recordSize) => Size + (index * recordSize);

    public void WriteTo(Span<byte> destination)
    {
        Span<byte> header = destination[..Size];
        header.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], CurrentVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], Size);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], checked((ushort)RecordSize));
        BinaryPrimitives.WriteUInt16LittleEndian(header[10..], (ushort)Kind);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], TimeframeSeconds);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], MonthStartMs);
        Encoding.ASCII.GetBytes(Symbol, header.Slice(24, MaxSymbolBytes));
        BinaryPrimitives.WriteUInt32LittleEndian(header[60..], Crc32C.Compute(header[..60]));
    }

    public static SeriesFileHeader ReadFrom(ReadOnlySpan<byte> source, string path)
    {
        if (source.Length < Size)
        {
            throw new SeriesFileException(path, $"header is {source.Length} bytes, expected {Size}");
        }

        ReadOnlySpan<byte> header = source[..Size];
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic)
        {
            throw new SeriesFileException(path, "not a releat series file (magic 'RLTS' missing)");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(header[60..]) != Crc32C.Compute(header[..60]))
        {
            throw new SeriesFileException(path, "header checksum mismatch: the header is damaged");
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        if (version != CurrentVersion)
        {
            throw new SeriesFileException(path, $"format version {version}, this build reads {CurrentVersion}");
        }

        ushort headerSize = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
        if (headerSize != Size)
        {
            throw new SeriesFileException(path, $"header size {headerSize}, expected {Size}");
        }

        ReadOnlySpan<byte> symbol = header.Slice(24, MaxSymbolBytes);
        int end = symbol.IndexOf((byte)0);
        return new SeriesFileHeader(
            (SeriesKind)BinaryPrimitives.ReadUInt16LittleEndian(header[10..]),
            BinaryPrimitives.ReadUInt16LittleEndian(header[8..]),
            BinaryPrimitives.ReadInt32LittleEndian(header[12..]),
            BinaryPrimitives.ReadInt64LittleEndian(header[16..]),
            Encoding.ASCII.GetString(end < 0 ? symbol : symbol[..end]));
    }

    /// <summary>Throws naming the file and the field when this header is not the one the caller expects.</summary>
    public void EnsureMatches(SeriesFileHeader expected, string path)
    {
        if (Kind != expected.Kind)
        {
            throw new SeriesFileException(path, $"holds {Kind}, expected {expected.Kind}");
        }

        if (RecordSize != expected.RecordSize)
        {
            throw new SeriesFileException(path, $"record size {RecordSize}, expected {expected.RecordSize}");
        }

        if (!string.Equals(Symbol, expected.Symbol, StringComparison.Ordinal))
        {
            throw new SeriesFileException(path, $"symbol {Symbol}, expected {expected.Symbol}");
        }

        if (TimeframeSeconds != expected.TimeframeSeconds)
        {
            throw new SeriesFileException(path, $"timeframe {TimeframeSeconds}s, expected {expected.TimeframeSeconds}s");
        }

        if (MonthStartMs != expected.MonthStartMs)
        {
            throw new SeriesFileException(
                path, $"month {UtcTime.Format(MonthStartMs)}, expected {UtcTime.Format(expected.MonthStartMs)}");
        }
    }
}
