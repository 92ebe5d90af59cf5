using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Releat.Checksums;

namespace Releat.Learning.Logging;

/// <summary>
/// Writes TensorBoard event files (events.out.tfevents.*) that `tensorboard --logdir` reads: TFRecord framing
/// (uint64 length, masked CRC-32C of the length, the record, masked CRC-32C of the record) around tensorflow.Event
/// protos, the first carrying file_version "brain.Event:2", the rest one scalar Summary each. The few protobuf
/// fields are encoded by hand: Event{1: wall_time double, 2: step int64, 3: file_version string, 5: summary},
/// Summary{1: repeated Value}, Value{1: tag string, 2: simple_value float}.
/// </summary>
public sealed class TensorBoardWriter : IScalarLogger, IDisposable
{
    private readonly FileStream _file;
    private readonly MemoryStream _record = new();
    private readonly TimeProvider _clock;

    public TensorBoardWriter(string logDirectory, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        Directory.CreateDirectory(logDirectory);
        long seconds = _clock.GetUtcNow().ToUnixTimeSeconds();
        FilePath = Path.Combine(logDirectory, string.Create(CultureInfo.InvariantCulture, $"events.out.tfevents.{seconds}.{Environment.MachineName}"));
        _file = new FileStream(FilePath, FileMode.Create, FileAccess.Write, FileShare.Read);
        WriteEvent(step: 0, fileVersion: "brain.Event:2", tag: null, value: 0);
    }

    public string FilePath { get; }

    public void Log(string tag, double value, long globalStep)
    {
        ArgumentNullException.ThrowIfNull(tag);
        WriteEvent(globalStep, fileVersion: null, tag, (float)value);
    }

    public void Flush() => _file.Flush();

    public void Dispose()
    {
        _file.Dispose();
        _record.Dispose();
    }

    private void WriteEvent(long step, string? fileVersion, string? tag, float value)
    {
        _record.SetLength(0);
        double wallTime = _clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        WriteTag(_record, 1, WireType.Fixed64);
        WriteFixed64(_record, BitConverter.DoubleToUInt64Bits(wallTime));
        WriteTag(_record, 2, WireType.Varint);
        WriteVarint(_record, (ulong)step);
        if (fileVersion is not null)
        {
            WriteTag(_record, 3, WireType.LengthDelimited);
            WriteBytes(_record, Encoding.UTF8.GetBytes(fileVersion));
        }

        if (tag is not null)
        {
            byte[] tagBytes = Encoding.UTF8.GetBytes(tag);
            using var summaryValue = new MemoryStream();
            WriteTag(summaryValue, 1, WireType.LengthDelimited);
            WriteBytes(summaryValue, tagBytes);
            WriteTag(summaryValue, 2, WireType.Fixed32);
            Span<byte> f = stackalloc byte[4];
            BinaryPrimitives.WriteSingleLittleEndian(f, value);
            summaryValue.Write(f);

            using var summary = new MemoryStream();
            WriteTag(summary, 1, WireType.LengthDelimited);
            WriteBytes(summary, summaryValue.ToArray());

            WriteTag(_record, 5, WireType.LengthDelimited);
            WriteBytes(_record, summary.ToArray());
        }

        WriteFramed(_record.GetBuffer().AsSpan(0, (int)_record.Length));
    }

    private void WriteFramed(ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], Crc32C.Masked(header[..8]));
        _file.Write(header);
        _file.Write(data);
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, Crc32C.Masked(data));
        _file.Write(footer);
    }

    private static void WriteTag(Stream s, int field, WireType type) => WriteVarint(s, ((ulong)field << 3) | (ulong)type);

    private static void WriteVarint(Stream s, ulong value)
    {
        while (value >= 0x80)
        {
            s.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        s.WriteByte((byte)value);
    }

    private static void WriteFixed64(Stream s, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        s.Write(b);
    }

    private static void WriteBytes(Stream s, ReadOnlySpan<byte> bytes)
    {
        WriteVarint(s, (ulong)bytes.Length);
        s.Write(bytes);
    }

    private enum WireType
    {
        Varint = 0,
        Fixed64 = 1,
        LengthDelimited = 2,
        Fixed32 = 5,
    }
}
