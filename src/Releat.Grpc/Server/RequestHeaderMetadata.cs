using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Releat.Grpc.Protocol;

namespace Releat.Grpc.Server;

/// <summary>
/// The client's custom headers as Metadata. Transport headers the spec reserves (content-type, te, grpc-timeout,
/// grpc-encoding, grpc-accept-encoding) are left out; binary values that are not valid base64 and text values
/// that are not printable ASCII are dropped rather than failing the call.
/// </summary>
internal static class RequestHeaderMetadata
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-type", "te", "host", GrpcProtocol.TimeoutHeader, GrpcProtocol.EncodingHeader, GrpcProtocol.AcceptEncodingHeader,
    };

    public static Metadata From(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers)
        {
            if (key.StartsWith(':') || Reserved.Contains(key))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (Metadata.Entry.IsBinaryKey(key))
                {
                    if (TryDecode(value, key, out var bytes))
                    {
                        metadata.Add(key, bytes);
                    }
                }
                else if (IsPrintableAscii(value))
                {
                    metadata.Add(key, value);
                }
            }
        }

        return metadata;
    }

    private static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < (char)0x20 or > (char)0x7E)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryDecode(string value, string key, out byte[] bytes)
    {
        try
        {
            bytes = BinaryHeaderValue.Decode(value, key);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
