using System.Buffers.Binary;
using System.Text;
using Releat.Checksums;
using Releat.Learning.Logging;

namespace Releat.Learning.Tests;

public sealed class TensorBoardTests
{
    [Fact]
    public void Crc32c_of_the_standard_check_string_is_e3069283() =>
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));

    [Fact]
    public void Event_file_has_valid_framing_a_version_record_and_the_logged_scalars()
    {
        using var directory = new TemporaryDirectory();
        string path;
        using (var writer = new TensorBoardWriter(directory.Path))
        {
            writer.Log("losses/value_loss", 0.25, 512);
            writer.Log("charts/episodic_return", 500, 1024);
            writer.Flush();
            path = writer.FilePath;
        }

        Assert.StartsWith("events.out.tfevents.", Path.GetFileName(path), StringComparison.Ordinal);
        List<byte[]> records = ReadRecords(File.ReadAllBytes(path));
        Assert.Equal(3, records.Count);

        var version = EventFields.Parse(records[0]);
        Assert.Equal("brain.Event:2", version.FileVersion);
        Assert.True(version.WallTime > 1.6e9);

        var first = EventFields.Parse(records[1]);
        Assert.Equal(512, first.Step);
        Assert.Equal("losses/value_loss", first.Tag);
        Assert.Equal(0.25f, first.SimpleValue);

        var second = EventFields.Parse(records[2]);
        Assert.Equal(("charts/episodic_return", 1024L, 500f), (second.Tag, second.Step, second.SimpleValue));
    }

    [Fact]
    public void Google_protobuf_in_python_decodes_the_events()
    {
        using var directory = new TemporaryDirectory();
        string path;
        using (var writer = new TensorBoardWriter(directory.Path))
        {
            writer.Log("losses/entropy", 0.6875, 2048);
            path = writer.FilePath;
        }

        // tensorflow.Event and Summary declared with the field numbers of TensorFlow's event.proto and
        // summary.proto, then parsed by Google's protobuf runtime (tensorboard itself is not installed).
        string script = """
            import sys, struct
            from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
            f = descriptor_pb2.FileDescriptorProto(name='event.proto', package='tensorflow')
            value = f.message_type.add(name='SummaryValue')
            value.field.add(name='tag', number=1, type=9, label=1)
            value.field.add(name='simple_value', number=2, type=2, label=1)
            summary = f.message_type.add(name='Summary')
            summary.field.add(name='value', number=1, type=11, label=3, type_name='.tensorflow.SummaryValue')
            event = f.message_type.add(name='Event')
            event.field.add(name='wall_time', number=1, type=1, label=1)
            event.field.add(name='step', number=2, type=3, label=1)
            event.field.add(name='file_version', number=3, type=9, label=1)
            event.field.add(name='summary', number=5, type=11, label=1, type_name='.tensorflow.Summary')
            pool = descriptor_pool.DescriptorPool(); pool.Add(f)
            d = pool.FindMessageTypeByName('tensorflow.Event')
            Event = message_factory.GetMessageClass(d) if hasattr(message_factory, 'GetMessageClass') else message_factory.MessageFactory(pool).GetPrototype(d)
            data = open(sys.argv[1], 'rb').read(); at = 0
            while at < len(data):
                n = struct.unpack('<Q', data[at:at + 8])[0]
                e = Event(); e.ParseFromString(data[at + 12:at + 12 + n]); at += 12 + n + 4
                if e.file_version: print('version', e.file_version, e.wall_time > 1.6e9)
                for v in e.summary.value: print('scalar', v.tag, e.step, repr(v.simple_value))
            """;
        string[] lines = Python.Run(script, path).Trim().Split('\n');
        Assert.Equal(["version brain.Event:2 True", "scalar losses/entropy 2048 0.6875"], lines);
    }

    [Fact]
    public void Csv_carries_the_same_scalars()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.File("scalars.csv");
        using (var csv = new CsvScalarWriter(path))
        {
            new FanOutScalarLogger(csv).Log("losses/approx_kl", 0.015, 2048);
        }

        string[] lines = File.ReadAllLines(path);
        Assert.Equal("wall_time,step,tag,value", lines[0]);
        Assert.EndsWith(",2048,losses/approx_kl,0.015", lines[1], StringComparison.Ordinal);
    }

    /// <summary>TFRecord: uint64 length, masked CRC of the length bytes, data, masked CRC of the data.</summary>
    private static List<byte[]> ReadRecords(byte[] file)
    {
        var records = new List<byte[]>();
        int at = 0;
        while (at < file.Length)
        {
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(at));
            Assert.Equal(Crc32C.Masked(file.AsSpan(at, 8)), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8)));
            byte[] data = file.AsSpan(at + 12, (int)length).ToArray();
            Assert.Equal(Crc32C.Masked(data), BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 12 + (int)length)));
            records.Add(data);
            at += 12 + (int)length + 4;
        }

        return records;
    }

    /// <summary>The Event proto fields the writer uses, decoded from the wire format independently of it.</summary>
    private sealed record EventFields(double WallTime, long Step, string? FileVersion, string? Tag, float SimpleValue)
    {
        public static EventFields Parse(byte[] data)
        {
            double wallTime = 0;
            long step = 0;
            string? version = null, tag = null;
            float value = 0;
            foreach ((int field, int wire, ReadOnlyMemory<byte> payload, ulong scalar) in Fields(data))
            {
                switch (field, wire)
                {
                    case (1, 1): wallTime = BitConverter.UInt64BitsToDouble(scalar); break;
                    case (2, 0): step = (long)scalar; break;
                    case (3, 2): version = Encoding.UTF8.GetString(payload.Span); break;
                    case (5, 2):
                        foreach (var summaryField in Fields(payload.ToArray()))
                        {
                            Assert.Equal(1, summaryField.Field);
                            foreach (var v in Fields(summaryField.Payload.ToArray()))
                            {
                                if (v.Field == 1)
                                {
                                    tag = Encoding.UTF8.GetString(v.Payload.Span);
                                }
                                else if (v.Field == 2 && v.Wire == 5)
                                {
                                    value = BitConverter.UInt32BitsToSingle((uint)v.Scalar);
                                }
                            }
                        }

                        break;
                    default: throw new InvalidDataException($"unexpected field {field} wire {wire}");
                }
            }

            return new EventFields(wallTime, step, version, tag, value);
        }

        private static List<(int Field, int Wire, ReadOnlyMemory<byte> Payload, ulong Scalar)> Fields(byte[] data)
        {
            var fields = new List<(int, int, ReadOnlyMemory<byte>, ulong)>();
            int at = 0;
            while (at < data.Length)
            {
                ulong key = Varint(data, ref at);
                int field = (int)(key >> 3), wire = (int)(key & 7);
                switch (wire)
                {
                    case 0: fields.Add((field, wire, default, Varint(data, ref at))); break;
                    case 1: fields.Add((field, wire, default, BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan(at)))); at += 8; break;
                    case 5: fields.Add((field, wire, default, BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at)))); at += 4; break;
                    case 2:
                        int length = (int)Varint(data, ref at);
                        fields.Add((field, wire, data.AsMemory(at, length), 0));
                        at += length;
                        break;
                    default: throw new InvalidDataException($"wire type {wire}");
                }
            }

            return fields;
        }

        private static ulong Varint(byte[] data, ref int at)
        {
            ulong value = 0;
            for (int shift = 0; ; shift += 7)
            {
                byte b = data[at++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }
    }
}
