using Google.Protobuf;
using Grpc.Core;
using Releat.Bench.V1;

namespace Releat.Grpc.Benchmarks;

/// <summary>Echoes unary payloads; streams one reused message as fast as the transport takes it.</summary>
internal sealed class BenchService : Releat.Bench.V1.Bench.BenchBase
{
    public override Task<Payload> Unary(Payload request, ServerCallContext context) => Task.FromResult(request);

    public override async Task Echo(IAsyncStreamReader<Payload> requestStream, IServerStreamWriter<Payload> responseStream, ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken))
        {
            await responseStream.WriteAsync(requestStream.Current, context.CancellationToken);
        }
    }

    public override async Task Stream(StreamRequest request, IServerStreamWriter<Payload> responseStream, ServerCallContext context)
    {
        var message = new Payload { Data = ByteString.CopyFrom(new byte[request.Size]) };
        for (var i = 0; i < request.Count; i++)
        {
            await responseStream.WriteAsync(message, context.CancellationToken);
        }
    }
}
