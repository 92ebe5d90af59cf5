using System.Globalization;
using System.Net.Http.Headers;
using Docker.DotNet.Models;
using Releat.Testing;

namespace Releat.Deploy.Tests;

/// <summary>
/// Questions to a running compose stack, asked the way an operator would: /metrics with the operator's token on the
/// published ports, Redis as the operator ACL user inside the redis container (the password read there from its
/// mounted file, never on a command line), container state from the engine.
/// </summary>
internal sealed class StackProbe(ComposeProject project)
{
    private const string SignalStream = "releat:agent:demo:signals";

    // The files of the secrets volume whose values must never show up anywhere.
    private const string SecretFiles = "tokens/operator tokens/prometheus tokens/trader tokens/signal redis/signal redis/trader redis/feature-builder redis/operator mt5-bridge-secret";

    private const string AsOperator = "REDISCLI_AUTH=\"$(cat /run/secrets/redis-operator-password)\" redis-cli --user operator \"$@\"";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private string? _operatorToken;

    /// <summary>Every secret in the secrets volume by file, read by a throwaway run of the secrets service (removed with its log).</summary>
    public Dictionary<string, string> SecretValues()
    {
        var run = project.Compose(TimeSpan.FromMinutes(2), "run", "--rm", "--no-deps", "-T", "--entrypoint", "sh", "secrets", "-c",
            $"cd /secrets && for f in {SecretFiles}; do printf '%s %s\\n' \"$f\" \"$(cat \"$f\")\"; done");
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"reading the secrets volume: {run.Error}");
        }

        return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
    }

    public async Task<bool> AllHealthyAsync(IEnumerable<string> services)
    {
        foreach (string service in services)
        {
            if ((await project.InspectAsync(service)).State?.Health?.Status != "healthy")
            {
                return false;
            }
        }

        return true;
    }

    public async Task<HttpResponseMessage> GetAsync(int containerPort, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, project.Http(containerPort, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await Http.SendAsync(request).WithTimeout(TimeSpan.FromSeconds(15));
    }

    /// <summary>The sum of every sample of a metric on a service's /metrics (read with the operator's token); null when it does not answer.</summary>
    public async Task<double?> MetricAsync(int containerPort, string name)
    {
        _operatorToken ??= project.Exec("trader", "cat /run/secrets/operator-token").Trim();
        try
        {
            using var response = await GetAsync(containerPort, "/metrics", _operatorToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            double? sum = null;
            foreach (string line in (await response.Content.ReadAsStringAsync()).Split('\n'))
            {
                string series = line.Split(' ')[0];
                if (series == name || series.StartsWith(name + "{", StringComparison.Ordinal))
                {
                    sum = (sum ?? 0) + double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
                }
            }

            return sum;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public long SignalCount() => long.Parse(project.Exec("redis", AsOperator, "XLEN", SignalStream).Trim(), CultureInfo.InvariantCulture);

    /// <summary>The trader's consumer group has read the whole stream (lag 0) and acknowledged all of it (none pending).</summary>
    public bool EveryPublishedSignalReadAndAcknowledged()
    {
        var fields = project.Exec("redis", AsOperator, "XINFO", "GROUPS", SignalStream)
            .Split('\n', StringSplitOptions.TrimEntries);
        var group = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < fields.Length; i += 2)
        {
            group[fields[i]] = fields[i + 1];
        }

        return group.GetValueOrDefault("name") == "trader" && group.GetValueOrDefault("pending") == "0" && group.GetValueOrDefault("lag") == "0";
    }

    /// <summary>The service runs a new process (restart count up, another pid) and that process answers /healthz.</summary>
    public async Task<bool> RestartedAsync(string service, ContainerInspectResponse before)
    {
        var now = await project.InspectAsync(service);
        long pid = now.State?.Pid ?? 0;
        if (now.RestartCount <= before.RestartCount || pid == 0 || pid == before.State?.Pid)
        {
            return false;
        }

        int httpPort = 6080 + Array.IndexOf(["mt5-gateway", "feature-builder", "trainer", "signal", "trader"], service) + 1;
        try
        {
            using var health = await GetAsync(httpPort, "/healthz", token: null);
            return health.IsSuccessStatusCode && await health.Content.ReadAsStringAsync() == "Healthy";
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>What `docker inspect` shows of a container's environment, entrypoint and command.</summary>
    public async Task<string> EnvironmentAndCommandAsync(string service)
    {
        var container = await project.InspectAsync(service);
        var config = container.Config;
        return string.Join('\n', [.. config?.Env ?? [], .. config?.Entrypoint ?? [], .. config?.Cmd ?? [], .. container.Args ?? []]);
    }
}
