using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Releat.Grpc.Reflection;

/// <summary>
/// grpc.reflection.v1alpha.ServerReflection, for older tools. Its messages are v1's under another package name,
/// field for field, so each request is read as v1, answered by the v1 service and the answer read back as v1alpha.
/// </summary>
// Tools such as grpcurl discover services without a token; Grpc:Reflection=false turns reflection off.
[AllowAnonymous]
internal sealed class ServerReflectionV1AlphaService(ServerReflectionV1Service v1)
    : global::Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionBase
{
    public override async Task ServerReflectionInfo(
        IAsyncStreamReader<V1Alpha.ServerReflectionRequest> requestStream,
        IServerStreamWriter<V1Alpha.ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var request = V1.ServerReflectionRequest.Parser.ParseFrom(requestStream.Current.ToByteString());
            var response = V1Alpha.ServerReflectionResponse.Parser.ParseFrom(v1.Respond(request).ToByteString());
            await responseStream.WriteAsync(response, context.CancellationToken).ConfigureAwait(false);
        }
    }
}
