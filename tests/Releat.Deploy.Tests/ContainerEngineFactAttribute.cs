using Docker.DotNet;
using DotNet.Testcontainers.Configurations;

namespace Releat.Deploy.Tests;

/// <summary>
/// A fact that needs a Docker-compatible container engine on this machine (Docker, or podman's API socket:
/// ../shared/tools/local-images.sh starts it and makes the local images), docker-compose and git. Where one is
/// missing the test is reported as skipped with the reason, never passed without checking: xunit 2 decides skips
/// when it discovers tests, so the probe runs here, once per test run. The engine is found as Testcontainers finds it
/// (DOCKER_HOST, ~/.testcontainers.properties, the default socket).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContainerEngineFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> MissingReason = new(Probe);

    public ContainerEngineFactAttribute()
    {
        if (MissingReason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    private static string? Probe()
    {
        foreach (string tool in new[] { "docker-compose", "git" })
        {
            if (ExternalTool.Find(tool) is null)
            {
                return $"'{tool}' is not on PATH (../shared/tools/local-images.sh installs podman and docker-compose; .ci/run runs it)";
            }
        }

        IDockerEndpointAuthenticationConfiguration? endpoint;
        try
        {
            endpoint = TestcontainersSettings.OS.DockerEndpointAuthConfig;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException)
        {
            return $"no container engine: Testcontainers found no Docker endpoint ({e.Message})";
        }

        if (endpoint?.Endpoint is not { } uri)
        {
            string host = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } set ? $"DOCKER_HOST={set} does not answer" : "DOCKER_HOST is not set";
            return $"no container engine reachable ({host}; podman: ../shared/tools/local-images.sh, then DOCKER_HOST=unix:///run/podman/podman.sock)";
        }

        // The test kills a service's process from this host, as an out-of-memory kill would: the engine must run here.
        if (uri.Scheme != "unix")
        {
            return $"the container engine at {uri} is not a local socket; the test kills a container's process from this host";
        }

        try
        {
            using DockerClient client = endpoint.GetDockerClientBuilder(Guid.NewGuid()).Build();
            client.System.PingAsync().WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or DockerApiException or IOException
            or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            return $"no container engine answers at {uri}: {e.GetType().Name}: {e.Message}";
        }
    }
}
