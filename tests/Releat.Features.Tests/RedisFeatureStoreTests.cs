using Releat.Features.Drivers;
using Releat.Features.Store;
using Releat.Testing;

namespace Releat.Features.Tests;

public sealed class RedisFeatureStoreTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public void A_small_dataset_round_trips_through_redis()
    {
        Assert.Null(redis.Problem);
        using var store = new RedisFeatureStore(redis.Configuration, "test1");
        Assert.False(store.HasDataset("sample"));
        FileFeatureStoreTests.WriteSample(store, "sample", rows: 40);
        Assert.True(store.HasDataset("sample"));

        using IDataset dataset = store.OpenDataset("sample");
        Assert.Equal(40, dataset.Count);
        Assert.Equal(new[] { 7f, 3.5f, -7f }, dataset.Observation(7).ToArray());
        Assert.Equal(new ExecutionRange(8.1, 8.2, 8.3, 8.4), dataset.Execution(7));
        Assert.Equal(8000, dataset.TimeMs(7));
    }

    [Fact]
    public void A_missing_dataset_is_reported_with_its_key()
    {
        Assert.Null(redis.Problem);
        using var store = new RedisFeatureStore(redis.Configuration, "test2");
        var error = Assert.Throws<DatasetFormatException>(() => store.OpenDataset("nothing"));
        Assert.Contains("test2:dataset:nothing:metadata", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_latest_observation_is_stored_and_published()
    {
        Assert.Null(redis.Problem);
        using var store = new RedisFeatureStore(redis.Configuration, "test3");

        using var subscriber = await PatientRedis.ConnectAsync(redis.Configuration);
        using var received = new ManualResetEventSlim();
        byte[]? message = null;
        await subscriber.GetSubscriber().SubscribeAsync(StackExchange.Redis.RedisChannel.Literal("test3:latest:t00001"), (_, value) =>
        {
            message = value;
            received.Set();
        }).WithTimeout();

        Assert.Null(store.ReadLatest("t00001"));
        store.PublishLatest("t00001", new LatestObservation(20_003, 19_990, [1f, 2f, 3f]));

        LatestObservation latest = store.ReadLatest("t00001")!;
        Assert.Equal(20_003, latest.DecisionTimeMs);
        Assert.Equal(19_990, latest.FeatureTimeMs);
        Assert.Equal(new[] { 1f, 2f, 3f }, latest.Values);
        Assert.True(received.Wait(Eventually.DefaultDeadline), "no message on the latest channel");
        Assert.Equal(32, message!.Length);
    }
}
