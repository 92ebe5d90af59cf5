using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;
using Releat.Testing;

namespace Releat.Deploy.Tests;

/// <summary>
/// The compose stack as a new user runs it: a fresh clone of the repository's committed HEAD, <c>docker-compose</c>
/// (the CLI a user types) under a project name and image tag of its own, and every published port moved to a free
/// loopback port (RELEAT_PORT_&lt;port&gt;), so it never meets another stack. The engine is reached through
/// Testcontainers' endpoint and Docker client, to inspect what compose made. Disposing takes the project down with
/// its volumes, deletes the images it tagged and the clone.
/// </summary>
/// <remarks>
/// Why not Testcontainers' ComposeBuilder: it runs the Compose CLI inside a <c>docker:cli</c> image and publishes
/// ports through ambassador containers, images that cannot be pulled where no registry is reachable; and a user runs
/// the host's docker-compose in a clone, which is what this checks.
/// </remarks>
internal sealed class ComposeProject : IAsyncDisposable
{
    public static readonly int[] PublishedPorts = [6001, 6081, 6002, 6082, 6003, 6083, 6004, 6084, 6005, 6085, 9090];

    private static readonly string[] Images = ["mt5-gateway", "feature-builder", "trainer", "signal", "trader", "cli"];

    private readonly Dictionary<string, string> _environment;
    private readonly DockerClient _docker;
    private readonly Dictionary<int, int> _hostPorts;

    private ComposeProject(string folder, string name, Dictionary<int, int> hostPorts)
    {
        Folder = folder;
        Name = name;
        _hostPorts = hostPorts;
        _environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["RELEAT_TAG"] = name };
        foreach (var (port, host) in hostPorts)
        {
            _environment[$"RELEAT_PORT_{port}"] = host.ToString(CultureInfo.InvariantCulture);
        }

        _docker = TestcontainersSettings.OS.DockerEndpointAuthConfig.GetDockerClientBuilder(Guid.NewGuid()).Build();
    }

    public string Folder { get; }

    public string Name { get; }

    /// <summary>Clones the repository's committed HEAD into a new folder (as `git clone` gives a new user).</summary>
    public static ComposeProject CloneFresh()
    {
        string name = $"releat-test-{Guid.NewGuid():N}"[..24];
        string folder = Path.Combine(Directory.CreateTempSubdirectory("releat-fresh-").FullName, "releat");
        var clone = ExternalTool.Run(ExternalTool.Require("git"), ["clone", "--quiet", "--no-hardlinks", RepositoryRoot.Path, folder]);
        if (clone.ExitCode != 0)
        {
            throw new InvalidOperationException($"git clone {RepositoryRoot.Path}: {clone.All}");
        }

        return new ComposeProject(folder, name, PublishedPorts.ToDictionary(p => p, _ => FreePort.Next()));
    }

    /// <summary>docker-compose -p NAME ARGS... in the clone.</summary>
    public ExternalTool.Result Compose(TimeSpan timeout, params string[] arguments) =>
        ExternalTool.Run(ExternalTool.Require("docker-compose"), ["-p", Name, .. arguments], Folder, _environment, timeout);

    /// <summary>A shell script run in a service's container (compose exec: its output is not logged); stdout.</summary>
    public string Exec(string service, string script, params string[] arguments)
    {
        var result = Compose(TimeSpan.FromSeconds(60), ["exec", "-T", service, "sh", "-c", script, service, .. arguments]);
        return result.ExitCode == 0 ? result.Output : throw new InvalidOperationException($"exec in {service}: {result.All}");
    }

    public Uri Http(int containerPort, string path) => new($"http://127.0.0.1:{_hostPorts[containerPort]}{path}");

    public async Task<ContainerInspectResponse> InspectAsync(string service)
    {
        var found = await _docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"com.docker.compose.project={Name}"] = true, [$"com.docker.compose.service={service}"] = true },
            },
        }).WithTimeout();
        string id = found.Count == 1 ? found[0].ID : throw new InvalidOperationException($"{found.Count} containers of service {service}");
        return await _docker.Containers.InspectContainerAsync(id).WithTimeout();
    }

    /// <summary>Containers, volumes and networks that carry the project's label.</summary>
    public async Task<List<string>> LeftoversAsync()
    {
        string label = $"com.docker.compose.project={Name}";
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [label] = true } };
        var containers = await _docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }).WithTimeout();
        var volumes = await _docker.Volumes.ListAsync(new VolumesListParameters { Filters = filter }).WithTimeout();
        var networks = await _docker.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filter }).WithTimeout();
        return
        [
            .. containers.Select(c => $"container {string.Join(',', c.Names)}"),
            .. (volumes.Volumes ?? []).Select(v => $"volume {v.Name}"),
            .. networks.Select(n => $"network {n.Name}"),
        ];
    }

    public async ValueTask DisposeAsync()
    {
        Compose(TimeSpan.FromMinutes(3), "down", "-v", "--remove-orphans", "--timeout", "10");
        foreach (string image in Images)
        {
            try
            {
                await _docker.Images.DeleteImageAsync($"releat/{image}:{Name}", new ImageDeleteParameters()).WithTimeout();
            }
            catch (DockerImageNotFoundException)
            {
                // Not built: the test failed before.
            }
        }

        _docker.Dispose();
        Directory.Delete(Path.GetDirectoryName(Folder)!, recursive: true);
    }
}
