using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Releat.Grpc.Tests.Support;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Releat.Grpc.Tests;

/// <summary>Server reflection through our own client: discovering services and method types from the server alone.</summary>
public sealed class ReflectionTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task List_services_names_every_mapped_service_including_health_and_reflection()
    {
        var response = await AskV1Async(new V1.ServerReflectionRequest { ListServices = "" });

        var names = response.ListServicesResponse.Service.Select(s => s.Name).ToArray();
        Assert.Contains("releat.test.v1.Echo", names);
        Assert.Contains("grpc.health.v1.Health", names);
        Assert.Contains("grpc.reflection.v1.ServerReflection", names);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", names);
    }

    [Fact]
    public async Task Method_input_type_resolves_from_the_returned_file_descriptors_alone()
    {
        var response = await AskV1Async(new V1.ServerReflectionRequest { FileContainingSymbol = "releat.test.v1.Echo" });

        var files = FileDescriptor.BuildFromByteStrings(response.FileDescriptorResponse.FileDescriptorProto);
        var service = files.SelectMany(f => f.Services).Single(s => s.FullName == "releat.test.v1.Echo");
        var method = service.FindMethodByName("ServerStream");

        Assert.Equal("releat.test.v1.StreamRequest", method.InputType.FullName);
        Assert.Equal(["text", "count", "payload_size"], method.InputType.Fields.InDeclarationOrder().Select(f => f.Name));
        Assert.True(method.IsServerStreaming);
    }

    [Theory]
    [InlineData("releat.test.v1.Echo.Unary")]
    [InlineData("releat.test.v1.EchoReply")]
    [InlineData("releat.test.v1.EchoReply.HeadersEntry")]
    [InlineData("grpc.health.v1.HealthCheckResponse.ServingStatus")]
    public async Task Every_kind_of_symbol_resolves_to_its_file(string symbol)
    {
        var response = await AskV1Async(new V1.ServerReflectionRequest { FileContainingSymbol = symbol });
        Assert.NotEmpty(response.FileDescriptorResponse.FileDescriptorProto);
    }

    [Fact]
    public async Task File_by_filename_returns_the_file_first()
    {
        var response = await AskV1Async(new V1.ServerReflectionRequest { FileByFilename = "grpc/health/v1/health.proto" });
        var first = FileDescriptorProto.Parser.ParseFrom(response.FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("grpc.health.v1", first.Package);
    }

    [Fact]
    public async Task Unknown_symbol_and_extensions_are_NOT_FOUND_and_known_types_have_no_extensions()
    {
        var unknown = await AskV1Async(new V1.ServerReflectionRequest { FileContainingSymbol = "no.Such" });
        var extension = await AskV1Async(new V1.ServerReflectionRequest
        {
            FileContainingExtension = new V1.ExtensionRequest { ContainingType = "releat.test.v1.EchoRequest", ExtensionNumber = 100 },
        });
        var numbers = await AskV1Async(new V1.ServerReflectionRequest { AllExtensionNumbersOfType = "releat.test.v1.EchoRequest" });

        Assert.Equal((int)StatusCode.NotFound, unknown.ErrorResponse.ErrorCode);
        Assert.Equal((int)StatusCode.NotFound, extension.ErrorResponse.ErrorCode);
        Assert.Equal("releat.test.v1.EchoRequest", numbers.AllExtensionNumbersResponse.BaseTypeName);
        Assert.Empty(numbers.AllExtensionNumbersResponse.ExtensionNumber);
    }

    [Fact]
    public async Task V1alpha_answers_the_same_questions()
    {
        using var channel = fixture.Server.CreateChannel();
        using var call = new V1Alpha.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileContainingSymbol = "releat.test.v1.Echo" });
        await call.RequestStream.CompleteAsync();

        var responses = await call.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.Equal(2, responses.Count);
        Assert.Contains(responses[0].ListServicesResponse.Service, s => s.Name == "releat.test.v1.Echo");
        Assert.NotEmpty(responses[1].FileDescriptorResponse.FileDescriptorProto);
        Assert.Equal("releat.test.v1.Echo", responses[1].OriginalRequest.FileContainingSymbol);
    }

    private async Task<V1.ServerReflectionResponse> AskV1Async(V1.ServerReflectionRequest request)
    {
        using var channel = fixture.Server.CreateChannel();
        using var call = new V1.ServerReflection.ServerReflectionClient(channel).ServerReflectionInfo();
        await call.RequestStream.WriteAsync(request);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var response = call.ResponseStream.Current;
        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext(CancellationToken.None));
        return response;
    }
}
