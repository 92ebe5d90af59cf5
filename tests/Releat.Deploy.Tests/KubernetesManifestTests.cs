using Releat.Testing;

namespace Releat.Deploy.Tests;

/// <summary>
/// deploy/k8s builds with kustomize and every manifest passes the Kubernetes API's schema offline (no cluster:
/// kubectl's own --dry-run needs an API server); then what the schema cannot say: gRPC probes on the health
/// service, resources, non-root pods, credentials only from the Secret, one signal Deployment per agent.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly Lazy<string> Built = new(Build);

    private static string K8s => Path.Combine(RepositoryRoot.Path, "deploy", "k8s");

    private static IReadOnlyList<Dictionary<object, object?>> Manifests => YamlDocuments.Load(Built.Value);

    private static IEnumerable<string> JobFiles => Directory.GetFiles(Path.Combine(K8s, "jobs"), "*.yaml").Order(StringComparer.Ordinal);

    [Fact]
    public void Every_manifest_validates_against_the_kubernetes_schema()
    {
        string folder = Directory.CreateTempSubdirectory("releat-k8s-").FullName;
        try
        {
            string built = Path.Combine(folder, "kustomized.yaml");
            File.WriteAllText(built, Built.Value);
            string node = ExternalTool.Require("node");
            string validator = Path.Combine(K8s, "validate", "validate.mjs");
            Assert.True(Directory.Exists(Path.Combine(K8s, "validate", "node_modules", "kubernetes-models")),
                "deploy/k8s/validate has no node_modules: scripts/install-prerequisites.sh runs npm ci there");
            var result = ExternalTool.Run(node, [validator, built, .. JobFiles, Path.Combine(K8s, "secret.example.yaml")]);
            Assert.True(result.ExitCode == 0, result.All);
            Assert.Contains("24 manifests checked, 0 invalid", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_schema_check_refuses_a_broken_manifest()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("releat-k8s-").FullName, "broken.yaml");
        try
        {
            File.WriteAllText(file, "apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: x }\nspec:\n  replicas: two\n  template: {}\n");
            var result = ExternalTool.Run(ExternalTool.Require("node"), [Path.Combine(K8s, "validate", "validate.mjs"), file]);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("must have required property selector", result.Output, StringComparison.Ordinal);
            Assert.Contains("replicas must be integer", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    [Fact]
    public void Every_deployment_has_grpc_probes_on_its_grpc_port_resources_and_runs_as_non_root()
    {
        var deployments = Manifests.Where(m => m.Text("kind") == "Deployment").ToList();
        Assert.Equal(
            ["feature-builder", "mt5-gateway", "signal-demo", "trader", "trainer"],
            deployments.Select(d => d.Text("metadata", "name")!).Order(StringComparer.Ordinal));
        foreach (var deployment in deployments)
        {
            string name = deployment.Text("metadata", "name")!;
            var pod = deployment.At("spec", "template", "spec");
            Assert.Equal("true", pod.Text("securityContext", "runAsNonRoot"));
            var container = pod.At("containers").List(name).Single();
            string grpcPort = container.At("ports").List(name).Single(p => p.Text("name") == "grpc").Text("containerPort")!;
            foreach (string probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
            {
                Assert.True(container.Text(probe, "grpc", "port") == grpcPort, $"{name}: {probe} is not a gRPC probe on port {grpcPort}");
            }

            AssertResources(container, name);
            Assert.Equal("false", container.Text("securityContext", "allowPrivilegeEscalation"));
        }
    }

    [Fact]
    public void Redis_is_a_stateful_set_with_its_acl_users_from_the_secret_and_append_only_persistence()
    {
        var redis = Manifests.Single(m => m.Text("kind") == "StatefulSet");
        var container = redis.At("spec", "template", "spec", "containers").List("redis").Single();
        Assert.True(container.At("env") is null, "no Redis password in an environment variable");
        string command = string.Join(' ', container.At("command").List("redis command"));
        Assert.Contains("--aclfile /run/secrets/releat/users.acl", command, StringComparison.Ordinal);
        Assert.Contains("--appendonly yes", command, StringComparison.Ordinal);
        var items = redis.At("spec", "template", "spec", "volumes").List("volumes").Single(v => v.Text("name") == "credentials")
            .At("secret", "items").List("items").ToDictionary(i => i.Text("key")!, i => i.Text("path"));
        Assert.Equal("users.acl", items["redis-users-acl"]);
        Assert.Equal("redis-operator-password", items["redis-operator-password"]);
        Assert.NotNull(redis.At("spec", "volumeClaimTemplates"));
        AssertResources(container, "redis");
    }

    [Fact]
    public void No_credential_is_written_in_the_manifests_and_the_secret_is_made_in_the_cluster()
    {
        Assert.DoesNotContain(Manifests, m => m.Text("kind") == "Secret");
        foreach (var manifest in Manifests.Concat(JobFiles.Select(YamlDocuments.LoadFile)))
        {
            foreach (var env in Containers(manifest).SelectMany(c => c.At("env") as List<object?> ?? []))
            {
                string name = env.Text("name")!;
                if (name.EndsWith("File", StringComparison.Ordinal))
                {
                    Assert.StartsWith("/run/secrets/", env.Text("value"), StringComparison.Ordinal);
                }
                else if (name.Contains("Password", StringComparison.OrdinalIgnoreCase) || name.Contains("Token", StringComparison.OrdinalIgnoreCase)
                    || name.Contains("PASSWORD", StringComparison.Ordinal))
                {
                    Assert.True(env.At("valueFrom", "secretKeyRef") is not null, $"{manifest.Text("metadata", "name")}: {name} is not from the Secret");
                }
            }
        }

        var example = YamlDocuments.LoadFile(Path.Combine(K8s, "secret.example.yaml"));
        var values = example.At("stringData").Map("stringData");
        Assert.All(values.Where(v => !Equals(v.Key, "redis-users-acl")).Select(v => v.Value), v => Assert.Contains("example", v?.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(">", values["redis-users-acl"]?.ToString(), StringComparison.Ordinal); // hashes, never a password
    }

    [Fact]
    public void The_secrets_job_keeps_the_keys_of_an_existing_secret_generates_the_missing_ones_and_applies_them_server_side()
    {
        var job = Manifests.Single(m => m.Text("kind") == "Job" && m.Text("metadata", "name") == "releat-secrets");
        var pod = job.At("spec", "template", "spec");
        Assert.Equal("releat-secrets", pod.Text("serviceAccountName"));
        Assert.Equal("true", pod.Text("securityContext", "runAsNonRoot"));
        var volumes = pod.At("volumes").List("volumes").ToDictionary(v => v.Text("name")!);
        Assert.Equal("releat-credentials", volumes["existing"].Text("secret", "secretName"));
        Assert.Equal("true", volumes["existing"].Text("secret", "optional"));
        Assert.Equal("Memory", volumes["work"].Text("emptyDir", "medium"));

        var generate = pod.At("initContainers").List("initContainers").Single();
        Assert.Equal("releat/cli:dev", generate.Text("image"));
        Assert.Equal(["/app/first-start-secrets.sh", "kubernetes", "/existing", "/work/secret.yaml", "$(POD_NAMESPACE)"],
            generate.At("args").List("args").Select(a => a!.ToString()!));
        Assert.DoesNotContain(generate.At("volumeMounts").List("mounts"), m => m.Text("name") == "api-token");
        var apply = Containers(job).Single();
        var args = apply.At("args").List("args").Select(a => a!.ToString()!).ToList();
        Assert.Equal("apply", args[0]);
        Assert.Contains("--server-side", args);
        Assert.Equal("/work/secret.yaml", args[args.IndexOf("-f") + 1]);
        AssertResources(generate, "generate");
        AssertResources(apply, "apply");

        // The account may touch no Secret but this one (create cannot be limited by name).
        var role = Manifests.Single(m => m.Text("kind") == "Role" && m.Text("metadata", "name") == "releat-secrets");
        foreach (var rule in role.At("rules").List("rules"))
        {
            var verbs = rule.At("verbs").List("verbs").Select(v => v!.ToString()).ToList();
            Assert.Equal(["secrets"], rule.At("resources").List("resources").Select(r => r!.ToString()));
            Assert.True(verbs.SequenceEqual(["create"]) || rule.At("resourceNames").List("names").Single()?.ToString() == "releat-credentials",
                $"rule {string.Join(',', verbs)} reaches other Secrets");
        }
    }

    [Fact]
    public void The_secrets_job_script_keeps_existing_keys_and_writes_every_key_the_pods_mount()
    {
        string folder = Directory.CreateTempSubdirectory("releat-k8s-secret-").FullName;
        try
        {
            string existing = Directory.CreateDirectory(Path.Combine(folder, "existing")).FullName;
            string work = Directory.CreateDirectory(Path.Combine(folder, "work")).FullName;
            File.WriteAllText(Path.Combine(existing, "operator-token"), "kept-operator-token\n");
            var result = ExternalTool.Run(ExternalTool.Require("bash"),
                [Path.Combine(RepositoryRoot.Path, "deploy", "first-start-secrets.sh"), "kubernetes", existing, Path.Combine(work, "secret.yaml"), "releat"]);
            Assert.True(result.ExitCode == 0, result.All);

            var secret = YamlDocuments.LoadFile(Path.Combine(work, "secret.yaml"));
            Assert.Equal("releat", secret.Text("metadata", "namespace"));
            var data = secret.At("data").Map("data").ToDictionary(d => d.Key.ToString()!, d => System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(d.Value!.ToString()!)));
            Assert.Equal("kept-operator-token\n", data["operator-token"]);
            var mounted = Manifests.Concat(JobFiles.Select(YamlDocuments.LoadFile))
                .SelectMany(m => m.At("spec", "template", "spec", "volumes") as List<object?> ?? [])
                .SelectMany(v => (v.At("secret", "items") as List<object?> ?? [])
                    .Concat((v.At("projected", "sources") as List<object?> ?? []).SelectMany(s => s.At("secret", "items") as List<object?> ?? [])))
                .Select(i => i.Text("key")!).ToHashSet();
            Assert.NotEmpty(mounted);
            Assert.All(mounted, key => Assert.True(data.ContainsKey(key), $"a pod mounts {key}, which the job does not write"));
            Assert.Equal(["secret.yaml"], Directory.GetFiles(work).Select(Path.GetFileName)); // nothing else left in memory-backed /work
            foreach (var (key, value) in data.Where(d => d.Key != "operator-token" && d.Key != "redis-users-acl"))
            {
                Assert.Matches("^[0-9a-f]{64}\n$", value);
                Assert.DoesNotContain(value.Trim(), result.All, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_trader_and_signal_service_read_their_client_secrets_from_the_mounted_secret()
    {
        foreach (var (deployment, caller, tokenSetting) in new[]
        {
            ("trader", "trader", "Trader__Gateway__BearerTokenFile"), ("signal-demo", "signal", "Signal__Gateway__BearerTokenFile"),
        })
        {
            var manifest = Manifests.Single(m => m.Text("kind") == "Deployment" && m.Text("metadata", "name") == deployment);
            var container = Containers(manifest).Single();
            var env = container.At("env").List($"{deployment} env").ToDictionary(e => e.Text("name")!, e => e.Text("value"));
            Assert.Equal($"/run/secrets/releat/{caller}-token", env[tokenSetting]);
            Assert.Equal(caller, env["SignalBus__Redis__User"]);
            Assert.Equal($"/run/secrets/releat/redis-{caller}-password", env["SignalBus__Redis__PasswordFile"]);
            Assert.Equal("/run/secrets/releat", container.At("volumeMounts").List("mounts").Single(m => m.Text("name") == "credentials").Text("mountPath"));
            var projected = manifest.At("spec", "template", "spec", "volumes").List("volumes").Single(v => v.Text("name") == "credentials")
                .At("projected", "sources").List("sources").SelectMany(s => s.At("secret", "items").List("items")).Select(i => i.Text("path")).ToList();
            Assert.Contains($"{caller}-token", projected);
            Assert.Contains($"redis-{caller}-password", projected);
        }
    }

    [Fact]
    public void The_trainer_runs_as_a_job_and_the_sweep_as_an_indexed_job_with_one_trial_per_index()
    {
        var train = YamlDocuments.LoadFile(Path.Combine(K8s, "jobs", "train-demo.yaml"));
        Assert.Equal(["train", "demo"], Args(train).Take(2));
        var sweep = YamlDocuments.LoadFile(Path.Combine(K8s, "jobs", "sweep-demo.yaml"));
        Assert.Equal("Indexed", sweep.Text("spec", "completionMode"));
        var args = Args(sweep);
        Assert.Equal("sweep", args[0]);
        Assert.Equal("$(JOB_COMPLETION_INDEX)", args[args.IndexOf("--trial") + 1]);
        Assert.Equal(sweep.Text("spec", "completions"), args[args.IndexOf("--trials") + 1]);
        foreach (var job in JobFiles.Select(YamlDocuments.LoadFile))
        {
            AssertResources(Containers(job).Single(), job.Text("metadata", "name")!);
            Assert.Equal("releat-agents", job.At("spec", "template", "spec", "volumes").List("volumes")
                .Single(v => v.Text("name") == "agents").Text("configMap", "name"));
        }
    }

    [Fact]
    public void Each_agent_has_its_own_signal_deployment_and_the_agent_configs_match_the_repository()
    {
        var signal = Manifests.Single(m => m.Text("kind") == "Deployment" && m.Text("metadata", "name") == "signal-demo");
        Assert.Equal("demo", signal.Text("spec", "selector", "matchLabels", "releat.io/agent"));
        Assert.Equal("1", signal.Text("spec", "replicas"));
        var env = Containers(signal).Single().At("env").List("signal env");
        Assert.Equal("demo", env.Single(e => e.Text("name") == "Signal__Agents__0").Text("value"));

        foreach (string copy in Directory.GetFiles(Path.Combine(K8s, "agents"), "*.yaml"))
        {
            string agent = Path.GetFileNameWithoutExtension(copy);
            Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "agents", agent, "agent.yaml")), File.ReadAllText(copy));
        }
    }

    private static string Build()
    {
        var result = ExternalTool.Run(ExternalTool.Require("kubectl"), ["kustomize", K8s]);
        Assert.True(result.ExitCode == 0, $"kubectl kustomize deploy/k8s: {result.All}");
        return result.Output;
    }

    private static IEnumerable<object?> Containers(Dictionary<object, object?> manifest) =>
        manifest.At("spec", "template", "spec", "containers") as List<object?> ?? [];

    private static List<string> Args(Dictionary<object, object?> job) =>
        [.. Containers(job).Single().At("args").List("args").Select(a => a!.ToString()!)];

    private static void AssertResources(object? container, string name)
    {
        foreach (string kind in new[] { "requests", "limits" })
        {
            Assert.True(container.Text("resources", kind, "cpu") is not null && container.Text("resources", kind, "memory") is not null,
                $"{name}: resources.{kind} needs cpu and memory");
        }
    }
}
