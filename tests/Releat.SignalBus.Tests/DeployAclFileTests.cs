using System.Diagnostics;
using Releat.SignalBus.Redis;
using Releat.Testing;

namespace Releat.SignalBus.Tests;

/// <summary>
/// The ACL file deploy/generate-secrets.sh writes for compose and Kubernetes is the one <see cref="RedisAclRules"/>
/// describes, and a real redis-server loading it carries the live path for the signal service and the trader.
/// </summary>
public sealed class DeployAclFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("releat-deploy-acl-").FullName;

    [Fact]
    public async Task Generated_acl_file_grants_what_RedisAclRules_says_and_carries_the_live_path()
    {
        string secrets = Path.Combine(_folder, "secrets");
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryRoot.Path, "deploy", "generate-secrets.sh"), secrets])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["RELEAT_REDIS_AGENTS"] = "demo other" },
        };
        using (var script = Process.Start(start)!)
        {
            string errors = await script.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
            await script.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(script.ExitCode == 0, errors);
        }

        string Password(string user) => File.ReadAllText(Path.Combine(secrets, "redis", user)).Trim();
        string[] expected =
        [
            RedisAclRules.DefaultOff,
            RedisAclRules.UserLine("signal", Password("signal"), RedisAclRules.SignalService("releat", ["demo", "other"])),
            RedisAclRules.UserLine("trader", Password("trader"), RedisAclRules.Trader("releat", ["demo", "other"])),
            RedisAclRules.UserLine("feature-builder", Password("feature-builder"), RedisAclRules.FeatureBuilder("releat")),
            RedisAclRules.UserLine("operator", Password("operator"), RedisAclRules.Operator),
        ];
        string[] written = File.ReadAllLines(Path.Combine(secrets, "redis", "users.acl"));
        Assert.Equal(expected, written);

        using var server = RedisServerProcess.StartWithAcl(written);
        RedisSignalBusOptions Options(string user) => new()
        {
            Address = server.Address, User = user, PasswordFile = Path.Combine(secrets, "redis", user), MaxBlock = TimeSpan.FromMilliseconds(300),
        };
        await using var signal = new RedisSignalBus(Options("signal"));
        await using var trader = new RedisSignalBus(Options("trader"));
        await using var consumer = trader.OpenConsumer(new SignalSubscription("trader", "t1", ["demo", "other"]));
        await signal.PublishAsync(TestSignals.For("other", 7)).WaitAsync(TimeSpan.FromSeconds(20));
        var deliveries = await consumer.ReceiveAsync(TimeSpan.FromSeconds(5)).WaitAsync(TimeSpan.FromSeconds(20));
        var delivery = Assert.Single(deliveries);
        Assert.Equal(7, TestSignals.Number(delivery.Signal));
        await consumer.AcknowledgeAsync(delivery).WaitAsync(TimeSpan.FromSeconds(20));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
