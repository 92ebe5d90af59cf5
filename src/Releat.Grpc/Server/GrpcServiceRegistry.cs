using Google.Protobuf.Reflection;

namespace Releat.Grpc.Server;

/// <summary>
/// What MapGrpcService has mapped: service names and their protobuf descriptors. Reflection lists and
/// resolves from it; health reports mapped services; the unimplemented handler says whether a service or only a
/// method is unknown.
/// </summary>
internal sealed class GrpcServiceRegistry
{
    private readonly Lock _gate = new();
    private readonly List<ServiceDescriptor> _descriptors = [];
    private readonly HashSet<string> _serviceNames = new(StringComparer.Ordinal);
    private readonly HashSet<object> _routeBuildersWithFallback = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<ServiceDescriptor> Descriptors
    {
        get
        {
            lock (_gate)
            {
                return _descriptors.ToArray();
            }
        }
    }

    public void Add(string serviceName, ServiceDescriptor? descriptor)
    {
        lock (_gate)
        {
            if (!_serviceNames.Add(serviceName))
            {
                return;
            }

            if (descriptor is not null)
            {
                _descriptors.Add(descriptor);
            }
        }
    }

    public bool IsMapped(string serviceName)
    {
        lock (_gate)
        {
            return _serviceNames.Contains(serviceName);
        }
    }

    public IReadOnlyList<string> ServiceNames
    {
        get
        {
            lock (_gate)
            {
                return _serviceNames.Order(StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>True the first time it is asked for a given route builder: the fallback route is mapped once per builder.</summary>
    public bool ClaimFallbackRoute(object routeBuilder)
    {
        lock (_gate)
        {
            return _routeBuildersWithFallback.Add(routeBuilder);
        }
    }
}
