using System.Net.Http.Headers;
using Grpc.Core;
using Releat.Grpc.Protocol;

namespace Releat.Grpc.Client;

/// <summary>Response headers or trailers as Metadata, without the protocol's own entries (status, encodings, content-type).</summary>
internal static class ResponseHeaderMetadata
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "content-type", GrpcProtocol.StatusHeader, GrpcProtocol.MessageHeader, GrpcProtocol.EncodingHeader,
        GrpcProtocol.AcceptEncodingHeader,
    };

    public static Metadata From(params HttpHeaders?[] headerSets)
    {
        var metadata = new Metadata();
        foreach (var headers in headerSets)
        {
            if (headers is null)
            {
                continue;
            }

            foreach (var (key, values) in headers.NonValidated)
            {
                if (Reserved.Contains(key))
                {
                    continue;
                }

                foreach (var value in values)
                {
                    Add(metadata, key.ToLowerInvariant(), value);
                }
            }
        }

        return metadata;
    }

    private static void Add(Metadata metadata, string key, string value)
    {
        try
        {
            if (Metadata.Entry.IsBinaryKey(key))
            {
                metadata.Add(key, BinaryHeaderValue.Decode(value, key));
            }
            else
            {
                metadata.Add(key, value);
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            // A malformed header from the server is dropped rather than failing a call that otherwise worked.
        }
    }

    public static string? Single(HttpHeaders? headers, string name) =>
        headers is not null && headers.NonValidated.TryGetValues(name, out var values) && values.Count > 0
            ? values.ToString()
            : null;
}
