using System.Text.RegularExpressions;
using Grpc.Core;
using Releat.Contracts.Channels;
using Releat.MarketData.Storage;
using Releat.MarketData.Synthetic;
using Releat.MarketData.Time;
using Releat.Testing;
using V1 = Releat.Contracts.V1;

namespace Releat.FeatureBuilder.Tests;

/// <summary>The feature-builder started as a process on a small agent (t00001's features over two weeks).</summary>
public sealed partial class BuildJobsOverGrpcTests : IAsyncLifetime
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "releat-fb-tests", Guid.NewGuid().ToString("N"));
    private ServiceProcess _service = null!;
    private ReleatChannel _channel = null!;

    private V1.FeatureBuilder.FeatureBuilderClient Client => new(_channel);

    public async Task InitializeAsync()
    {
        var agents = Path.Combine(_home, "agents");
        WriteAgent(agents, "f00001", TwoWeeksOf(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "agents", "t00001", "agent.yaml")), "f00001"));
        WriteAgent(agents, "broken", TwoWeeksOf(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "agents", "t00001", "agent.yaml")), "broken")
            .Replace("[price_diff, buy_ratio, sell_ratio, mean_spread]", "[price_diff, moon_phase]", StringComparison.Ordinal));
        GenerateTicks(_home, new DateOnly(2024, 1, 8), new DateOnly(2024, 1, 20));
        _service = await ServiceProcess.StartAsync("feature-builder", "Releat.FeatureBuilder", new Dictionary<string, string>
        {
            ["FeatureBuilder__DataRoot"] = _home,
            ["FeatureBuilder__AgentsRoot"] = agents,
        });
        _channel = ReleatChannel.ForAddress(_service.GrpcAddress);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _service.DisposeAsync();
    }

    [Fact]
    public async Task Build_streams_progress_to_success_and_a_second_request_keeps_the_dataset()
    {
        var updates = await CollectAsync(Client.BuildTrainData(new V1.BuildTrainDataRequest { AgentId = "f00001" }));

        Assert.Equal(V1.JobState.Succeeded, updates[^1].State);
        Assert.Contains(updates, u => u.State == V1.JobState.Running && u.Stage == "computing features");
        Assert.True(updates[^1].ObservationsWritten > 10_000, $"only {updates[^1].ObservationsWritten} rows");
        Assert.True(File.Exists(Path.Combine(updates[^1].DatasetPath, "metadata.json")), updates[^1].DatasetPath);
        Assert.All(updates, u => Assert.Equal(updates[0].JobId, u.JobId));

        var again = await CollectAsync(Client.BuildTrainData(new V1.BuildTrainDataRequest { AgentId = "f00001" }));
        Assert.Equal(V1.JobState.Succeeded, again[^1].State);
        Assert.Contains("existing dataset", again[^1].Stage, StringComparison.Ordinal);
        Assert.DoesNotContain(again, u => u.State == V1.JobState.Running);

        var watched = await CollectAsync(Client.WatchBuild(new V1.WatchBuildRequest { JobId = updates[0].JobId }));
        Assert.Equal(V1.JobState.Succeeded, Assert.Single(watched).State);

        // The builds are counted for /metrics: one built, one kept, the rows written, none running.
        using var http = new HttpClient();
        string metrics = await http.GetStringAsync(new Uri(_service.HttpAddress, "/metrics"));
        Assert.Matches("releat_features_builds_total\\{agent=\"f00001\",result=\"succeeded\"\\} 1\n", metrics);
        Assert.Matches("releat_features_builds_total\\{agent=\"f00001\",result=\"kept\"\\} 1\n", metrics);
        Assert.Contains($"releat_features_rows_total{{agent=\"f00001\"}} {updates[^1].ObservationsWritten}\n", metrics, StringComparison.Ordinal);
        Assert.Equal(0, MetricsText.Value(metrics, "releat_features_active_builds"));
        Assert.Matches("releat_features_build_duration_seconds_count\\{agent=\"f00001\",result=\"succeeded\"\\} 1\n", metrics);
    }

    [Fact]
    public async Task A_config_mistake_is_a_failed_precondition_naming_file_line_and_field()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CollectAsync(Client.BuildTrainData(new V1.BuildTrainDataRequest { AgentId = "broken" })));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("agent.yaml", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("moon_phase", error.Status.Detail, StringComparison.Ordinal);
        Assert.Matches(LineNumber(), error.Status.Detail);
    }

    [Fact]
    public async Task Unknown_agent_job_and_observation_get_clear_statuses()
    {
        var agent = await Assert.ThrowsAsync<RpcException>(() => CollectAsync(Client.BuildTrainData(new V1.BuildTrainDataRequest { AgentId = "nobody" })));
        var traversal = await Assert.ThrowsAsync<RpcException>(() => CollectAsync(Client.BuildTrainData(new V1.BuildTrainDataRequest { AgentId = "../etc" })));
        var job = await Assert.ThrowsAsync<RpcException>(() => CollectAsync(Client.WatchBuild(new V1.WatchBuildRequest { JobId = "nope" })));
        var observation = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetLatestObservationAsync(new V1.GetLatestObservationRequest { AgentId = "f00001" }));

        Assert.Equal(StatusCode.NotFound, agent.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, traversal.StatusCode);
        Assert.Equal(StatusCode.NotFound, job.StatusCode);
        Assert.Equal(StatusCode.Unavailable, observation.StatusCode);
    }

    private static async Task<List<V1.BuildProgress>> CollectAsync(AsyncServerStreamingCall<V1.BuildProgress> call)
    {
        using (call)
        {
            var updates = new List<V1.BuildProgress>();
            await foreach (var update in call.ResponseStream.ReadAllAsync())
            {
                updates.Add(update);
            }

            return updates;
        }
    }

    private static string TwoWeeksOf(string yaml, string id) => yaml
        .Replace("agent: t00001", $"agent: {id}", StringComparison.Ordinal)
        .Replace("data_range: { start: 2024-01-01, end: 2025-01-01 }", "data_range: { start: 2024-01-08, end: 2024-01-20 }", StringComparison.Ordinal)
        .Replace("train: { start: 2024-01-01, end: 2024-09-01 }", "train: { start: 2024-01-08, end: 2024-01-16 }", StringComparison.Ordinal)
        .Replace("validation: { start: 2024-09-01, end: 2024-11-01 }", "validation: { start: 2024-01-16, end: 2024-01-18 }", StringComparison.Ordinal)
        .Replace("test: { start: 2024-11-01, end: 2025-01-01 }", "test: { start: 2024-01-18, end: 2024-01-20 }", StringComparison.Ordinal);

    private static void WriteAgent(string agents, string id, string yaml)
    {
        Directory.CreateDirectory(Path.Combine(agents, id));
        File.WriteAllText(Path.Combine(agents, id, "agent.yaml"), yaml);
    }

    private static void GenerateTicks(string root, DateOnly from, DateOnly to)
    {
        var generator = new SyntheticTickGenerator(new SyntheticMarketOptions { Seed = 3, StartMs = UtcTime.FromDate(from) });
        using var writer = new TickStore(root).OpenWriter("EURUSD");
        var end = UtcTime.FromDate(to);
        for (var tick = generator.Next(); tick.TimeMs < end; tick = generator.Next())
        {
            writer.Append(tick);
        }

        writer.Flush(durable: true);
    }

    [GeneratedRegex(@"agent\.yaml:\d+")]
    private static partial Regex LineNumber();
}
