namespace Grpc.Core;

public partial class ServerServiceDefinition
{
    /// <summary>Collects a service's methods; a method path may be added once.</summary>
#pragma warning disable CA1034 // Nested to match Grpc.Core's public surface (ServerServiceDefinition.Builder).
    public class Builder
#pragma warning restore CA1034
    {
        private readonly List<Action<ServiceBinderBase>> _bindings = [];
        private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, binder => binder.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, binder => binder.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, binder => binder.AddMethod(method, handler));

        public Builder AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
            where TRequest : class
            where TResponse : class => Add(method, binder => binder.AddMethod(method, handler));

        public ServerServiceDefinition Build() => new(_bindings.ToArray());

        private Builder Add(IMethod method, Action<ServiceBinderBase> bind)
        {
            ArgumentNullException.ThrowIfNull(method);
            if (!_paths.Add(method.FullName))
            {
                throw new ArgumentException($"Method '{method.FullName}' was added twice to the service definition.", nameof(method));
            }

            _bindings.Add(bind);
            return this;
        }
    }
}
