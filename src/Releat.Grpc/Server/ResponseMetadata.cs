using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Releat.Grpc.Protocol;

namespace Releat.Grpc.Server;

/// <summary>Writes Metadata entries as HTTP headers: binary values base64, repeated keys kept.</summary>
internal static class ResponseMetadata
{
    public static void AppendTo(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            headers.Append(entry.Key, entry.IsBinary ? BinaryHeaderValue.Encode(entry.ValueBytes) : entry.Value);
        }
    }
}
