using System.Reflection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Releat.Grpc.Auth;
using Releat.Grpc.Limits;
using Releat.Grpc.Server;

namespace Releat.Grpc;

/// <summary>Maps a generated service's methods to "POST /{package.Service}/{Method}" (mirrors Grpc.AspNetCore).</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of <typeparamref name="TService"/> (a subclass of a generated FooBase). The instance for
    /// each call comes from DI if registered, otherwise it is created with its constructor dependencies from DI.
    /// The service's [RequiresRole], [AllowAnonymous] and [RateLimited] attributes are read here, once.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder builder)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        var registry = builder.ServiceProvider.GetService<GrpcServiceRegistry>() ?? throw new InvalidOperationException(
            $"MapGrpcService<{typeof(TService).Name}>() needs services.AddGrpc() in the service registrations.");
        var options = builder.ServiceProvider.GetRequiredService<IOptions<GrpcServiceOptions>>().Value;
        var logger = builder.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Releat.Grpc.Server");

        var (baseType, bindAttribute) = FindBinding(typeof(TService));
        var bindMethod = bindAttribute.BindType.GetMethod(
            bindAttribute.BindMethodName,
            BindingFlags.Public | BindingFlags.Static,
            [typeof(ServiceBinderBase), baseType]) ?? throw new InvalidOperationException(
                $"{bindAttribute.BindType.FullName}.{bindAttribute.BindMethodName}(ServiceBinderBase, {baseType.Name}) not found; " +
                "was the proto compiled with GrpcServices=\"Server\" or \"Both\"?");

        // Null when AddGrpcAuthentication was not called: then nothing asks for tokens (ServiceDefaults always calls it).
        var authentication = builder.ServiceProvider.GetService<CallerAuthentication>();
        var rateLimiters = builder.ServiceProvider.GetRequiredService<CallerRateLimiters>();
        var serviceBinder = new ServiceMethodBinder<TService>(options, authentication, rateLimiters, logger);
        // Unwrapped, so a mapping error (an unconfigured rate limit, a missing method) reads as itself.
        bindMethod.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, [serviceBinder, null], culture: null);
        MethodAccessRules.CheckNamedMethods(typeof(TService), [.. serviceBinder.Methods.Select(m => m.Method.Name)]);

        var conventions = new List<IEndpointConventionBuilder>(serviceBinder.Methods.Count);
        foreach (var (method, handler) in serviceBinder.Methods)
        {
            var endpoint = builder.Map(method.FullName, handler)
                .WithMetadata(new HttpMethodMetadata([HttpMethods.Post]), method)
                .WithDisplayName("gRPC - " + method.FullName);
            conventions.Add(endpoint);
        }

        var serviceName = serviceBinder.Methods.Count > 0 ? serviceBinder.Methods[0].Method.ServiceName : ServiceNameFrom(bindAttribute.BindType);
        registry.Add(serviceName, FindDescriptor(bindAttribute.BindType));
        MapUnimplementedFallback(builder, registry);
        return new CompositeEndpointConventionBuilder(conventions);
    }

    /// <summary>Unmapped "/{service}/{method}" gRPC requests get UNIMPLEMENTED instead of HTTP 404.</summary>
    private static void MapUnimplementedFallback(IEndpointRouteBuilder builder, GrpcServiceRegistry registry)
    {
        if (!registry.ClaimFallbackRoute(builder))
        {
            return;
        }

        var handler = new UnimplementedCallHandler(registry);
        builder.Map("{unimplementedService}/{unimplementedMethod}", handler.HandleAsync)
            .WithDisplayName("gRPC - unimplemented method");
    }

    private static (Type BaseType, BindServiceMethodAttribute Attribute) FindBinding(Type serviceType)
    {
        for (var type = serviceType; type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } attribute)
            {
                return (type, attribute);
            }
        }

        throw new InvalidOperationException(
            $"{serviceType.FullName} does not derive from a generated gRPC service base ([BindServiceMethod] not found).");
    }

    /// <summary>Generated service classes expose their protobuf descriptor as a static "Descriptor" property.</summary>
    private static ServiceDescriptor? FindDescriptor(Type bindType) =>
        bindType.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as ServiceDescriptor;

    private static string ServiceNameFrom(Type bindType) => FindDescriptor(bindType)?.FullName ?? bindType.FullName ?? bindType.Name;
}
