using System.IO.Compression;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Releat.Security.Tests.Support;
using V1 = Releat.Contracts.V1;

namespace Releat.Security.Tests.Fuzz;

/// <summary>How a fuzzed request body is built from a valid GetLatestSignal request.</summary>
public enum FrameDamage
{
    /// <summary>Valid, with unknown protobuf fields appended: must succeed and echo the agent id.</summary>
    UnknownFields,
    Truncated,
    HugeLengthPrefix,
    BadFlagByte,
    CompressedWithoutEncoding,
    CompressedGarbage,
    Gzipped,
    GzipBomb,
    RandomPayload,
    RandomBody,
    TwoMessagesOnUnary,
    UnknownEncoding,
}

/// <summary>
/// One fuzzed gRPC request: the damage, the parts it is built from (all drawn by FsCheck), and the status the
/// server must answer with. <see cref="Expected"/> null means "any proper status of the allowed set".
/// </summary>
public sealed record FramingCase(FrameDamage Damage, string AgentId, byte[] Noise, int Number, int Target)
{
    public const string SignalsPath = "/releat.v1.Signals/GetLatestSignal";

    public const int MaxReceive = 4 * 1024 * 1024;

    private static readonly string[] Paths = [SignalsPath, "/grpc.health.v1.Health/Check", "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"];

    public static Gen<FramingCase> Generator { get; } =
        from damage in Gen.Elements(Enum.GetValues<FrameDamage>())
        from agentChars in Gen.ArrayOf(Gen.Choose(0x20, 0x7e).Select(c => (char)c))
        from noise in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))
        from number in Gen.Choose(0, int.MaxValue)
        from target in Gen.Choose(0, Paths.Length - 1)
        select new FramingCase(damage, new string(agentChars), noise, number, target);

    /// <summary>Random bodies and payloads go to three methods (unary, unary, duplex); the rest to Signals.</summary>
    public string Path => Damage is FrameDamage.RandomBody or FrameDamage.RandomPayload ? Paths[Target] : SignalsPath;

    public string? Encoding => Damage switch
    {
        FrameDamage.CompressedGarbage or FrameDamage.Gzipped or FrameDamage.GzipBomb => "gzip",
        FrameDamage.UnknownEncoding => "x-" + new string(AgentId.Where(char.IsAsciiLetter).DefaultIfEmpty('z').ToArray()).ToLowerInvariant(),
        _ => null,
    };

    public byte[] Body()
    {
        var valid = ValidPayload();
        return Damage switch
        {
            FrameDamage.UnknownFields or FrameDamage.UnknownEncoding => RawGrpcCall.Frame(valid),
            FrameDamage.Truncated => RawGrpcCall.Frame(valid)[..(Number % (valid.Length + 5))],
            FrameDamage.HugeLengthPrefix => RawGrpcCall.Frame(Noise, declaredLength: MaxReceive + 1 + (uint)(Number % (int.MaxValue - MaxReceive))),
            FrameDamage.BadFlagByte => RawGrpcCall.Frame(valid, flag: (byte)(2 + (Number % 254))),
            FrameDamage.CompressedWithoutEncoding => RawGrpcCall.Frame(valid, flag: 1),
            FrameDamage.CompressedGarbage => RawGrpcCall.Frame([0, .. Noise], flag: 1),
            FrameDamage.Gzipped => RawGrpcCall.Frame(Gzip(valid), flag: 1),
            FrameDamage.GzipBomb => RawGrpcCall.Frame(Gzip(new byte[MaxReceive + 1 + (Number % MaxReceive)]), flag: 1),
            FrameDamage.RandomPayload => RawGrpcCall.Frame(Noise),
            FrameDamage.RandomBody => Noise,
            FrameDamage.TwoMessagesOnUnary => [.. RawGrpcCall.Frame(valid), .. RawGrpcCall.Frame(valid)],
            _ => throw new InvalidOperationException($"no body for {Damage}"),
        };
    }

    /// <summary>
    /// The one status the spec and grpc-dotnet's documented behaviour give, or null for "any allowed" (grpc-dotnet ends
    /// a frame or message it cannot read with INTERNAL or UNKNOWN depending on where it fails).
    /// </summary>
    public int? Expected() => Damage switch
    {
        FrameDamage.UnknownFields or FrameDamage.Gzipped => 0,
        FrameDamage.HugeLengthPrefix => 8,
        FrameDamage.RandomPayload when Path == SignalsPath && Parses() => 0,
        _ => null,
    };

    /// <summary>Whether the request must be refused whatever status says so (a bomb, a broken frame).</summary>
    /// <remarks>An unknown grpc-encoding on an uncompressed frame is accepted by grpc-dotnet: the encoding only applies to
    /// compressed messages.</remarks>
    public bool MustFail => Damage is not (FrameDamage.UnknownFields or FrameDamage.Gzipped or FrameDamage.RandomPayload
        or FrameDamage.RandomBody or FrameDamage.UnknownEncoding);

    /// <summary>
    /// Valid GetLatestSignal request bytes: the agent id, then unknown fields (numbers from 1000 up, each wire type)
    /// made from the noise, which a proto3 parser must skip.
    /// </summary>
    public byte[] ValidPayload()
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        new V1.GetLatestSignalRequest { AgentId = AgentId }.WriteTo(output);
        for (var i = 0; i + 3 < Noise.Length; i += 4)
        {
            var field = 1000 + (Noise[i] << 8) + Noise[i + 1];
            var value = Noise[i + 3];
            switch (Noise[i + 2] % 4)
            {
                case 0:
                    output.WriteTag(field, WireFormat.WireType.Varint);
                    output.WriteUInt64((ulong)value << (value % 57));
                    break;
                case 1:
                    output.WriteTag(field, WireFormat.WireType.Fixed64);
                    output.WriteFixed64(value);
                    break;
                case 2:
                    output.WriteTag(field, WireFormat.WireType.LengthDelimited);
                    output.WriteBytes(ByteString.CopyFrom(Noise.AsSpan(i, Math.Min(value % 16, Noise.Length - i))));
                    break;
                default:
                    output.WriteTag(field, WireFormat.WireType.Fixed32);
                    output.WriteFixed32(value);
                    break;
            }
        }

        output.Flush();
        return buffer.ToArray();
    }

    public override string ToString() => $"{Damage} to {Path} (agent '{AgentId}', {Noise.Length} noise bytes, number {Number})";

    private bool Parses()
    {
        try
        {
            V1.GetLatestSignalRequest.Parser.ParseFrom(Noise);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }

    private static byte[] Gzip(byte[] payload)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(payload);
        }

        return output.ToArray();
    }
}
