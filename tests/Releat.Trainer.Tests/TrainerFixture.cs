using Releat.Contracts.Channels;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Synthetic;
using Releat.MarketData.Time;
using Releat.Testing;

namespace Releat.Trainer.Tests;

/// <summary>
/// A trainer process over its own RELEAT_HOME (two weeks of synthetic EURUSD ticks) and agents folder (one small
/// agent, "learner"), with a client for releat.v1.Trainer. Everything is deleted on dispose.
/// </summary>
public sealed class TrainerFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "releat-trainer-tests", Guid.NewGuid().ToString("N"));
    private ServiceProcess? _process;

    public string Home => Path.Combine(_root, "home");

    public ServiceProcess Process => _process ?? throw new InvalidOperationException("the trainer is not started");

    public ReleatChannel Channel { get; private set; } = null!;

    public Contracts.V1.Trainer.TrainerClient Client => new(Channel);

    public async Task InitializeAsync()
    {
        WriteTicks(Home, new DateOnly(2020, 1, 5), new DateOnly(2020, 1, 18));
        string agents = Path.Combine(_root, "agents");
        Directory.CreateDirectory(Path.Combine(agents, "learner"));
        await File.WriteAllTextAsync(Path.Combine(agents, "learner", "agent.yaml"), SmallAgent.Yaml);
        _process = await ServiceProcess.StartAsync("trainer", "Releat.Trainer", new Dictionary<string, string>
        {
            ["RELEAT_HOME"] = Home,
            ["RELEAT_AGENTS"] = agents,
            ["Trainer__CheckpointEveryUpdates"] = "3",
        });
        Channel = ReleatChannel.ForAddress(_process.GrpcAddress);
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean up.
        }
    }

    private static void WriteTicks(string home, DateOnly from, DateOnly to)
    {
        long end = UtcTime.FromDate(to);
        var generator = new SyntheticTickGenerator(new SyntheticMarketOptions { Seed = 3, StartMs = UtcTime.FromDate(from), MomentumStrength = 0.03 });
        using TickWriter writer = new TickStore(home).OpenWriter("EURUSD");
        for (Tick tick = generator.Next(); tick.TimeMs < end; tick = generator.Next())
        {
            writer.Append(tick);
        }

        writer.Flush();
    }
}
