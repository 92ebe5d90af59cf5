using System.Text.RegularExpressions;
using Releat.Testing;

namespace Releat.Deploy.Tests;

/// <summary>
/// docker-compose.yml as docker-compose reads it: what makes the stack restart on its own, start in order, keep
/// secrets out of the file, give every caller its own token and let Prometheus scrape every service.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string[] Services = ["mt5-gateway", "feature-builder", "trainer", "signal", "trader"];
    private static readonly string[] OneShots = ["secrets", "bootstrap"];
    private static readonly Dictionary<string, int> HttpPorts = new()
    {
        ["mt5-gateway"] = 6081, ["feature-builder"] = 6082, ["trainer"] = 6083, ["signal"] = 6084, ["trader"] = 6085,
    };

    private static string ComposePath => Path.Combine(RepositoryRoot.Path, "docker-compose.yml");

    private static Dictionary<object, object?> ServicesOf(string file) =>
        YamlDocuments.LoadFile(Path.Combine(RepositoryRoot.Path, file)).At("services").Map("services");

    [Fact]
    public void Docker_compose_accepts_the_file_alone_and_with_the_mt5_override_with_nothing_generated_first()
    {
        // No secrets folder, no environment: what a fresh clone has.
        string tool = ExternalTool.Require("docker-compose");
        foreach (string[] files in new[] { new[] { "-f", "docker-compose.yml" }, ["-f", "docker-compose.yml", "-f", "docker-compose.mt5.yml"] })
        {
            var result = ExternalTool.Run(tool, [.. files, "config", "-q"]);
            Assert.True(result.ExitCode == 0, $"docker-compose {string.Join(' ', files)} config: {result.All}");
        }
    }

    [Fact]
    public void Every_long_running_service_restarts_unless_stopped_and_has_a_health_check()
    {
        var services = ServicesOf("docker-compose.yml");
        string dockerfile = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "Dockerfile"));
        foreach (var (name, node) in services)
        {
            if (OneShots.Contains((string)name))
            {
                Assert.Equal("no", node.Text("restart"));
                continue;
            }

            Assert.True(node.Text("restart") == "unless-stopped", $"{name}: restart is '{node.Text("restart")}'");
            // Built services take the Dockerfile's HEALTHCHECK (their target derives from the 'service' stage).
            string? target = node.Text("build", "target");
            bool imageCheck = target is not null && ServiceStageHasHealthCheck(dockerfile, target);
            Assert.True(node.At("healthcheck") is not null || imageCheck, $"{name}: no healthcheck in the compose file or its image");
        }

        Assert.Equal(Services.Length + 4, services.Count); // + secrets, bootstrap, redis, prometheus
    }

    [Fact]
    public void Health_checks_with_a_script_use_CMD_SHELL_so_podman_does_not_split_them()
    {
        // docker-compose v1 through podman's Docker API joins a ["CMD", ...] array and splits it again on spaces:
        // ["CMD", "sh", "-c", "a b"] reaches the container as sh -c 'a' 'b'. That kept redis unhealthy (its check
        // reads the operator's password with $(cat ...)) and made prometheus's check pass without checking anything.
        foreach (string file in new[] { "docker-compose.yml", "docker-compose.mt5.yml" })
        {
            foreach (var (name, node) in ServicesOf(file))
            {
                if (node.At("healthcheck", "test") is not List<object?> test)
                {
                    continue;
                }

                string form = test[0]?.ToString() ?? "";
                if (form == "CMD-SHELL")
                {
                    Assert.True(test.Count == 2, $"{file} {name}: CMD-SHELL takes one command string");
                    continue;
                }

                Assert.True(form == "CMD", $"{file} {name}: healthcheck test starts with '{form}'");
                Assert.True(
                    test.Skip(1).All(part => part?.ToString()?.Contains(' ', StringComparison.Ordinal) != true),
                    $"{file} {name}: an argument of a CMD healthcheck contains a space; podman would split it (use CMD-SHELL)");
            }
        }
    }

    [Fact]
    public void Everything_starts_after_the_secrets_job_the_services_after_bootstrap_and_the_bus_consumers_after_redis_is_healthy()
    {
        var services = ServicesOf("docker-compose.yml");
        foreach (var (name, node) in services.Where(s => (string)s.Key != "secrets"))
        {
            Assert.True(node.Text("depends_on", "secrets", "condition") == "service_completed_successfully", $"{name} does not wait for the secrets job");
        }

        foreach (string name in Services)
        {
            Assert.Equal("service_completed_successfully", services[name].Text("depends_on", "bootstrap", "condition"));
        }

        foreach (string name in new[] { "signal", "trader" })
        {
            Assert.Equal("service_healthy", services[name].Text("depends_on", "redis", "condition"));
            Assert.Equal("service_healthy", services[name].Text("depends_on", "mt5-gateway", "condition"));
        }
    }

    [Fact]
    public void No_secret_value_or_secret_file_of_the_host_is_named_in_the_compose_files()
    {
        foreach (string file in new[] { "docker-compose.yml", "docker-compose.mt5.yml" })
        {
            var document = YamlDocuments.LoadFile(Path.Combine(RepositoryRoot.Path, file));
            Assert.True(document.At("secrets") is null, $"{file}: compose secrets need files prepared on the host; the secrets job makes them in volumes");
            foreach (var (name, node) in ServicesOf(file))
            {
                foreach (var (key, value) in Environment(node))
                {
                    if (CredentialName().IsMatch(key))
                    {
                        Assert.True(key.EndsWith("File", StringComparison.Ordinal) && value.StartsWith("/run/secrets/", StringComparison.Ordinal),
                            $"{file}: {name} sets {key} to '{value}'; name a file under /run/secrets instead");
                    }
                }

                Assert.True(node.At("env_file") is null, $"{file}: {name} reads an env file");
                Assert.True(node.At("secrets") is null, $"{file}: {name} mounts compose secrets");
            }
        }
    }

    [Fact]
    public void The_secrets_job_writes_into_volumes_and_each_reader_mounts_only_its_own_read_only_at_run_secrets()
    {
        var services = ServicesOf("docker-compose.yml");
        var job = services["secrets"];
        Assert.Equal("no", job.Text("restart"));
        Assert.Equal("cli", job.Text("build", "target"));
        Assert.Equal("0:0", job.Text("user"));
        var outputs = Volumes(job).Where(v => v.Target.StartsWith("/out/", StringComparison.Ordinal)).ToDictionary(v => v.Target[5..], v => v.Source);
        Assert.Contains("secrets:/secrets", Volumes(job).Select(v => $"{v.Source}:{v.Target}"));

        var handed = HandedSecrets();
        Assert.Equal(handed.Keys.Order(StringComparer.Ordinal), outputs.Keys.Order(StringComparer.Ordinal));
        foreach (var (reader, volume) in outputs)
        {
            Assert.Equal($"secrets-{reader}", volume);
            var mounts = Volumes(services[reader]).Where(v => v.Source.StartsWith("secrets", StringComparison.Ordinal)).ToList();
            Assert.True(mounts.Count == 1 && mounts[0] == (volume, "/run/secrets", "ro"), $"{reader} mounts {string.Join(", ", mounts)}");
        }

        // Nobody else sees a secrets volume.
        foreach (var (name, node) in services.Where(s => !outputs.ContainsKey((string)s.Key) && (string)s.Key != "secrets"))
        {
            Assert.DoesNotContain(Volumes(node), v => v.Source.StartsWith("secrets", StringComparison.Ordinal));
        }

        var declared = YamlDocuments.LoadFile(ComposePath).At("volumes").Map("volumes").Keys.Select(k => (string)k).ToHashSet();
        Assert.Contains("secrets", declared);
        Assert.All(outputs.Values, v => Assert.Contains(v, declared));
    }

    [Fact]
    public void Redis_loads_its_users_from_the_acl_file_in_its_secrets_volume_and_persists_with_append_only()
    {
        var redis = ServicesOf("docker-compose.yml")["redis"];
        Assert.True(redis.At("env_file") is null, "no Redis password in an env file");
        Assert.True(redis.At("environment") is null, "no Redis password in an environment variable");
        string entrypoint = string.Join(' ', redis.At("entrypoint").List("redis entrypoint"));
        Assert.Contains("--aclfile /run/secrets/redis-users-acl", entrypoint, StringComparison.Ordinal);
        Assert.Contains("--appendonly yes", entrypoint, StringComparison.Ordinal);
        Assert.Contains("redis-data:/data", redis.At("volumes").List("redis volumes").Select(v => v?.ToString()));
        Assert.Equal(["redis-operator-password", "redis-users-acl"], HandedSecrets()["redis"].Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_service_takes_per_caller_token_files_with_the_roles_each_caller_needs()
    {
        var services = ServicesOf("docker-compose.yml");
        var handed = HandedSecrets();
        foreach (string name in Services)
        {
            var callers = Callers(Environment(services[name]));
            Assert.Equal(("read", "/run/secrets/prometheus-token"), callers["prometheus"]);
            Assert.Equal(("trade", "/run/secrets/operator-token"), callers["operator"]);
            var mounted = handed[name].Select(s => $"/run/secrets/{s}").ToHashSet();
            Assert.All(callers.Values, c => Assert.Contains(c.TokenFile, mounted));
        }

        var gateway = Callers(Environment(services["mt5-gateway"]));
        Assert.Equal(("trade", "/run/secrets/trader-token"), gateway["trader"]);
        Assert.Equal(("read", "/run/secrets/signal-token"), gateway["signal"]);

        // The clients present the same tokens and the Redis password as mounted files; no secret is in an environment
        // variable (docker inspect shows those) or an env file.
        foreach (var (client, token) in new[] { ("trader", "Trader__Gateway__BearerTokenFile"), ("signal", "Signal__Gateway__BearerTokenFile") })
        {
            var environment = Environment(services[client]);
            var mounted = handed[client].Select(s => $"/run/secrets/{s}").ToHashSet();
            Assert.Equal($"/run/secrets/{client}-token", environment[token]);
            Assert.Equal(client, environment["SignalBus__Redis__User"]);
            Assert.Equal($"/run/secrets/redis-{client}-password", environment["SignalBus__Redis__PasswordFile"]);
            Assert.Contains(environment[token], mounted);
            Assert.Contains($"/run/secrets/redis-{client}-password", mounted);
            Assert.DoesNotContain(environment.Keys, k => k.EndsWith("Password", StringComparison.Ordinal) || k.EndsWith("BearerToken", StringComparison.Ordinal));
            Assert.True(services[client].At("env_file") is null, $"{client}: secrets come as files, not env files");
        }

        // The gateway's volume also holds the MT5 bridge secret the MT5 override names.
        Assert.Contains("mt5-bridge-secret", handed["mt5-gateway"]);
    }

    [Fact]
    public void Prometheus_scrapes_every_service_http_port_with_a_bearer_token_file()
    {
        var config = YamlDocuments.LoadFile(Path.Combine(RepositoryRoot.Path, "deploy", "prometheus", "prometheus.yml"));
        var job = config.At("scrape_configs").List("scrape_configs").Single(j => j.Text("job_name") == "releat");
        Assert.Equal("Bearer", job.Text("authorization", "type"));
        Assert.Equal("/run/secrets/prometheus-token", job.Text("authorization", "credentials_file"));
        var targets = job.At("static_configs").List("static_configs")
            .SelectMany(c => c.At("targets").List("targets")).Select(t => t?.ToString()).ToHashSet();
        foreach (string name in Services)
        {
            Assert.Contains($"{name}:{HttpPorts[name]}", targets);
        }

        Assert.Equal(["prometheus-token"], HandedSecrets()["prometheus"]);
    }

    [Fact]
    public void Promtool_accepts_the_prometheus_configuration()
    {
        string promtool = ExternalTool.Require("promtool");
        string folder = Directory.CreateTempSubdirectory("releat-promtool-").FullName;
        try
        {
            // promtool checks that the token file exists: point it at a stand-in.
            string token = Path.Combine(folder, "token");
            File.WriteAllText(token, "example-token-not-a-secret");
            string config = Path.Combine(folder, "prometheus.yml");
            File.WriteAllText(config, File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "prometheus", "prometheus.yml"))
                .Replace("/run/secrets/prometheus-token", token, StringComparison.Ordinal));
            var result = ExternalTool.Run(promtool, ["check", "config", config]);
            Assert.True(result.ExitCode == 0, result.All);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_simulated_market_starts_inside_the_demo_agents_session_after_its_data_and_the_mt5_override_reads_the_bridge_secret_from_a_file()
    {
        var gateway = Environment(ServicesOf("docker-compose.yml")["mt5-gateway"]);
        Assert.Equal("Simulated", gateway["Gateway__Backend"]);
        var start = DateTime.Parse(gateway["Gateway__Simulated__Start"].Split(":-")[1].TrimEnd('}'), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.True(start > new DateTime(2024, 1, 27, 0, 0, 0, DateTimeKind.Utc), "the market must start after the demo data (2024-01-27)");
        Assert.InRange(start.DayOfWeek, DayOfWeek.Monday, DayOfWeek.Friday);

        var mt5 = Environment(ServicesOf("docker-compose.mt5.yml")["mt5-gateway"]);
        Assert.Equal("Mt5", mt5["Gateway__Backend"]);
        Assert.Equal("/run/secrets/mt5-bridge-secret", mt5["Mt5Bridge__SharedSecretFile"]);
    }

    private static bool ServiceStageHasHealthCheck(string dockerfile, string target)
    {
        var stage = Regex.Match(dockerfile, $@"^FROM (?<base>\S+) AS {Regex.Escape(target)}$", RegexOptions.Multiline);
        return stage.Success && stage.Groups["base"].Value == "service"
            && Regex.IsMatch(dockerfile, @"^FROM \S+ AS service\n(?:(?!^FROM ).*\n)*HEALTHCHECK ", RegexOptions.Multiline);
    }

    /// <summary>What deploy/first-start-secrets.sh puts in each reader's volume: its <c>hand READER UID NAME...</c> lines.</summary>
    private static Dictionary<string, List<string>> HandedSecrets() =>
        File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "deploy", "first-start-secrets.sh"))
            .Select(l => l.Trim()).Where(l => l.StartsWith("hand ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(p => p[1], p => p[3..].ToList(), StringComparer.Ordinal);

    /// <summary>A service's volumes as (source, target, mode), the short syntax split at its colons.</summary>
    private static List<(string Source, string Target, string Mode)> Volumes(object? service) =>
        [.. (service.At("volumes") as List<object?> ?? []).Select(v => v!.ToString()!.Split(':'))
            .Select(p => (p[0], p[1], p.Length > 2 ? p[2] : "rw"))];

    private static Dictionary<string, string> Environment(object? service) =>
        (service.At("environment") as Dictionary<object, object?> ?? [])
            .ToDictionary(e => e.Key.ToString()!, e => e.Value?.ToString() ?? "", StringComparer.Ordinal);

    private static Dictionary<string, (string Role, string TokenFile)> Callers(Dictionary<string, string> environment)
    {
        var callers = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        for (int i = 0; environment.TryGetValue($"Auth__Callers__{i}__Name", out string? name); i++)
        {
            Assert.False(environment.ContainsKey($"Auth__Callers__{i}__Token"), $"caller {name} has an inline token");
            callers[name] = (environment[$"Auth__Callers__{i}__Role"], environment[$"Auth__Callers__{i}__TokenFile"]);
        }

        return callers;
    }

    [GeneratedRegex("(?i)password|secret|token|credential|api_?key")]
    private static partial Regex CredentialName();
}
