using System.Globalization;
using Microsoft.AspNetCore.Builder;

namespace Releat.Grpc.Benchmarks;

/// <summary>
/// The baseline: plain Kestrel HTTP/2 endpoints doing the same byte work as the gRPC methods, with no framing
/// parse, protobuf, status trailers or per-call context. What gRPC costs is the difference.
/// </summary>
internal static class BareEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapPost("/bare/unary", async context =>
        {
            var reader = context.Request.BodyReader;
            while (true)
            {
                var result = await reader.ReadAsync();
                if (result.IsCompleted)
                {
                    context.Response.ContentType = "application/octet-stream";
                    foreach (var segment in result.Buffer)
                    {
                        await context.Response.BodyWriter.WriteAsync(segment);
                    }

                    reader.AdvanceTo(result.Buffer.End);
                    return;
                }

                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            }
        });

        app.MapPost("/bare/stream", async context =>
        {
            var count = int.Parse(context.Request.Query["count"].ToString(), CultureInfo.InvariantCulture);
            var size = int.Parse(context.Request.Query["size"].ToString(), CultureInfo.InvariantCulture);
            var chunk = new byte[size];
            context.Response.ContentType = "application/octet-stream";
            for (var i = 0; i < count; i++)
            {
                await context.Response.BodyWriter.WriteAsync(chunk);
            }
        });
    }
}
