using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Releat.Grpc;

/// <summary>How the gRPC health service derives the server's overall ("") status from ASP.NET Core health checks.</summary>
public sealed class GrpcHealthChecksOptions
{
    /// <summary>How often the registered health checks are run in the background; Check("") also runs them on demand.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Which registered checks count; null means all of them.</summary>
    public Func<HealthCheckRegistration, bool>? Predicate { get; set; }
}
