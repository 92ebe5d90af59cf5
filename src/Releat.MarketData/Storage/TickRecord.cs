using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Releat.Checksums;
using Releat.MarketData.Model;

namespace Releat.MarketData.Storage;

/// <summary>
/// A tick as stored: 48 bytes, little-endian, no padding (see FORMAT.md). The sequence orders ticks that share a
/// millisecond; the CRC-32C covers bytes 0..43 so a torn write is recognised.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly struct TickRecord : ISeriesRecord<TickRecord>
{
    public const int Size = 48;
    private const int ChecksummedBytes = Size - sizeof(uint);

    private TickRecord(in Tick tick, ushort sequence)
    {
        TimeMs = tick.TimeMs;
        Bid = tick.Bid;
        Ask = tick.Ask;
        Last = tick.Last;
        Volume = tick.Volume;
        Flags = checked((ushort)tick.Flags);
        Sequence = sequence;
        Checksum = 0;
        Checksum = ComputeChecksum(this);
    }

    public static SeriesKind Kind => SeriesKind.Ticks;

    public long TimeMs { get; }

    public double Bid { get; }

    public double Ask { get; }

    public double Last { get; }

    public double Volume { get; }

    public ushort Flags { get; }

    public ushort Sequence { get; }

    public uint Checksum { get; }

    public long OrderKey => (TimeMs << 16) | Sequence;

    public bool IsIntact => Checksum == ComputeChecksum(this);

    public Tick Tick => new(TimeMs, Bid, Ask, Last, Volume, (TickFlags)Flags);

    /// <summary>The stored form of a tick, checksum included.</summary>
    public static TickRecord Seal(in Tick tick, ushort sequence) => new(tick, sequence);

    private static uint ComputeChecksum(in TickRecord record) =>
        Crc32C.Compute(MemoryMarshal.AsBytes(new ReadOnlySpan<TickRecord>(in record))[..ChecksummedBytes]);

    static TickRecord()
    {
        // The file format is the in-memory layout; if the runtime ever lays the struct out differently, stop here.
        if (Unsafe.SizeOf<TickRecord>() != Size)
        {
            throw new PlatformNotSupportedException($"TickRecord is {Unsafe.SizeOf<TickRecord>()} bytes, expected {Size}");
        }
    }
}
