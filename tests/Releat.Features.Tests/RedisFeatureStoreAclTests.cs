using Releat.Features.Store;
using Releat.SignalBus.Redis;
using Releat.Testing;

namespace Releat.Features.Tests;

/// <summary>The feature store works as the feature-builder's ACL user, and that user reaches no agent's bus keys.</summary>
public sealed class RedisFeatureStoreAclTests : IDisposable
{
    private readonly RedisServerProcess _server = RedisServerProcess.StartWithAcl(
    [
        RedisAclRules.DefaultOff,
        RedisAclRules.UserLine("feature-builder", "features-pw", RedisAclRules.FeatureBuilder("releat")),
    ]);

    [Fact]
    public void The_feature_builder_user_writes_and_reads_latest_observations_and_datasets_but_no_bus_keys()
    {
        using var store = new RedisFeatureStore($"{_server.Address},user=feature-builder", "releat", password: "features-pw");
        store.PublishLatest("t00001", new LatestObservation(20_003, 19_990, [1f, 2f, 3f]));
        Assert.Equal([1f, 2f, 3f], store.ReadLatest("t00001")!.Values.ToArray());
        FileFeatureStoreTests.WriteSample(store, "sample", rows: 10);
        using (IDataset dataset = store.OpenDataset("sample"))
        {
            Assert.Equal(10, dataset.Count);
        }

        // The bus's keys are other services' business: under another prefix the same calls are refused.
        using var outside = new RedisFeatureStore($"{_server.Address},user=feature-builder", "releat:agent:a1", password: "features-pw");
        var refused = Assert.ThrowsAny<StackExchange.Redis.RedisException>(() => outside.ReadLatest("x"));
        Assert.Contains("NOPERM", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _server.Dispose();
}
