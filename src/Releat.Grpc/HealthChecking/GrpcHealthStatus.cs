using System.Threading.Channels;
using Grpc.Health.V1;
using Releat.Grpc.Server;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Releat.Grpc;

/// <summary>
/// The serving status the health service reports, per service name. "" is the whole server (fed by the ASP.NET
/// Core health checks); a mapped service reports the overall status unless code set its own here. Once shutdown
/// begins every status is NOT_SERVING and further changes are ignored, so load balancers drain the server.
/// </summary>
public sealed class GrpcHealthStatus
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServingStatus> _explicit = new(StringComparer.Ordinal) { [""] = ServingStatus.Serving };
    private readonly List<Channel<bool>> _watchers = [];
    private readonly GrpcServiceRegistry? _registry;
    private bool _shuttingDown;

    public GrpcHealthStatus()
    {
    }

    internal GrpcHealthStatus(GrpcServiceRegistry registry) => _registry = registry;

    public bool IsShuttingDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    /// <summary>Sets a service's status ("" for the whole server); ignored once shutdown has begun.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            if (_shuttingDown || (_explicit.TryGetValue(service, out var current) && current == status))
            {
                return;
            }

            _explicit[service] = status;
        }

        NotifyWatchers();
    }

    /// <summary>Forgets an explicit status: a mapped service goes back to following the overall one, others become unknown.</summary>
    public void ClearStatus(string service)
    {
        lock (_gate)
        {
            if (_shuttingDown || service.Length == 0 || !_explicit.Remove(service))
            {
                return;
            }
        }

        NotifyWatchers();
    }

    /// <summary>Everything NOT_SERVING from now on; called when the application starts stopping.</summary>
    public void EnterShutdown()
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            foreach (var service in _explicit.Keys.ToArray())
            {
                _explicit[service] = ServingStatus.NotServing;
            }

            _shuttingDown = true;
        }

        NotifyWatchers();
    }

    /// <summary>The status to report for a service, or null when the server does not know it.</summary>
    public ServingStatus? GetStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            if (_explicit.TryGetValue(service, out var status))
            {
                return status;
            }

            if (_registry?.IsMapped(service) == true)
            {
                return _shuttingDown ? ServingStatus.NotServing : _explicit[""];
            }

            return null;
        }
    }

    /// <summary>A signal that fires (coalesced) after any change; Watch re-reads its service's status on each.</summary>
    internal ChannelReader<bool> Subscribe(out Action unsubscribe)
    {
        var channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        lock (_gate)
        {
            _watchers.Add(channel);
        }

        unsubscribe = () =>
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        };
        return channel.Reader;
    }

    private void NotifyWatchers()
    {
        Channel<bool>[] watchers;
        lock (_gate)
        {
            watchers = _watchers.ToArray();
        }

        foreach (var watcher in watchers)
        {
            watcher.Writer.TryWrite(true);
        }
    }
}
