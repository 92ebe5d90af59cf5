using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Releat.Checksums;
using Releat.MarketData.Model;

namespace Releat.MarketData.Storage;

/// <summary>A candle as stored: 64 bytes, little-endian, CRC-32C over bytes 0..59 (see FORMAT.md).</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly struct CandleRecord : ISeriesRecord<CandleRecord>
{
    public const int Size = 64;
    private const int ChecksummedBytes = Size - sizeof(uint);

    private CandleRecord(in Candle candle)
    {
        TimeMs = candle.TimeMs;
        Open = candle.Open;
        High = candle.High;
        Low = candle.Low;
        Close = candle.Close;
        TickVolume = candle.TickVolume;
        Volume = candle.Volume;
        SpreadPoints = candle.SpreadPoints;
        Checksum = 0;
        Checksum = ComputeChecksum(this);
    }

    public static SeriesKind Kind => SeriesKind.Candles;

    public long TimeMs { get; }

    public double Open { get; }

    public double High { get; }

    public double Low { get; }

    public double Close { get; }

    public long TickVolume { get; }

    public double Volume { get; }

    public int SpreadPoints { get; }

    public uint Checksum { get; }

    public long OrderKey => TimeMs << 16;

    public bool IsIntact => Checksum == ComputeChecksum(this);

    public Candle Candle => new(TimeMs, Open, High, Low, Close, TickVolume, Volume, SpreadPoints);

    public static CandleRecord Seal(in Candle candle) => new(candle);

    private static uint ComputeChecksum(in CandleRecord record) =>
        Crc32C.Compute(MemoryMarshal.AsBytes(new ReadOnlySpan<CandleRecord>(in record))[..ChecksummedBytes]);

    static CandleRecord()
    {
        if (Unsafe.SizeOf<CandleRecord>() != Size)
        {
            throw new PlatformNotSupportedException($"CandleRecord is {Unsafe.SizeOf<CandleRecord>()} bytes, expected {Size}");
        }
    }
}
