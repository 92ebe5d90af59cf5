using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Grpc.Reflection.V1;

namespace Releat.Grpc.Reflection;

/// <summary>grpc.reflection.v1.ServerReflection: one response per request, in order, until the client ends the stream.</summary>
// Tools such as grpcurl discover services without a token; Grpc:Reflection=false turns reflection off.
[AllowAnonymous]
internal sealed class ServerReflectionV1Service(ReflectionResolver resolver)
    : global::Grpc.Reflection.V1.ServerReflection.ServerReflectionBase
{
    public override async Task ServerReflectionInfo(
        IAsyncStreamReader<ServerReflectionRequest> requestStream,
        IServerStreamWriter<ServerReflectionResponse> responseStream,
        ServerCallContext context)
    {
        while (await requestStream.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            await responseStream.WriteAsync(Respond(requestStream.Current), context.CancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The answer to one request; the v1alpha service answers through this too.</summary>
    internal ServerReflectionResponse Respond(ServerReflectionRequest request) => ToResponse(request, Answer(request));

    private ReflectionAnswer Answer(ServerReflectionRequest request) => request.MessageRequestCase switch
    {
        ServerReflectionRequest.MessageRequestOneofCase.ListServices => resolver.ListServices(),
        ServerReflectionRequest.MessageRequestOneofCase.FileByFilename => resolver.FileByFilename(request.FileByFilename),
        ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol => resolver.FileContainingSymbol(request.FileContainingSymbol),
        ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension => ReflectionResolver.FileContainingExtension(
            request.FileContainingExtension.ContainingType, request.FileContainingExtension.ExtensionNumber),
        ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType => resolver.AllExtensionNumbersOfType(request.AllExtensionNumbersOfType),
        _ => ReflectionAnswer.Invalid("The reflection request names no question."),
    };

    private static ServerReflectionResponse ToResponse(ServerReflectionRequest request, ReflectionAnswer answer)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        if (answer.Files is { } files)
        {
            response.FileDescriptorResponse = new FileDescriptorResponse();
            response.FileDescriptorResponse.FileDescriptorProto.AddRange(files);
        }
        else if (answer.Services is { } services)
        {
            response.ListServicesResponse = new ListServiceResponse();
            response.ListServicesResponse.Service.AddRange(services.Select(name => new ServiceResponse { Name = name }));
        }
        else if (answer.ExtensionBaseType is { } baseType)
        {
            response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = baseType };
        }
        else
        {
            response.ErrorResponse = new ErrorResponse { ErrorCode = answer.ErrorCode, ErrorMessage = answer.ErrorMessage ?? "" };
        }

        return response;
    }
}
