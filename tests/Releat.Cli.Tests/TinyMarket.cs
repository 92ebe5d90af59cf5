using Releat.Testing;

namespace Releat.Cli.Tests;

/// <summary>
/// A working folder as a user's: RELEAT_HOME in ./data with two weeks of synthetic ticks made by `releat
/// generate-ticks`, and ./agents/tiny/agent.yaml, an agent whose training section names only its sizes (no
/// gamma, clip_coef, ... : those take the defaults). `releat train tiny` has run once, its output kept.
/// </summary>
public sealed class TinyMarket : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static readonly string AgentYaml = new TestAgentYaml
    {
        Agent = "tiny",
        Start = "2024-01-01",
        TrainEnd = "2024-01-10",
        ValidationEnd = "2024-01-12",
        End = "2024-01-15",
        Environment = TestAgentYaml.EnvironmentSection(
            minHold: "0s", maxHold: "1h", stopPips: 10, commissionPips: 0.2, rewardScaling: 1, rewardClip: 1000, episodeLength: 100),

        // Only the sizes: every other PPO key takes its default, which the config tests show.
        Training = """
            training:
              total_timesteps: 512
              num_envs: 2
              num_steps: 64
              num_minibatches: 2
              update_epochs: 1
            """,
        Trading = TestAgentYaml.TradingSection(sessions: "[]"),
    }.ToString();

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "releat-cli-tests", Guid.NewGuid().ToString("N"));

    public CliRun Train { get; private set; } = null!;

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["RELEAT_HOME"] = Path.Combine(Folder, "data"),
        ["RELEAT_AGENTS"] = Path.Combine(Folder, "agents"),
    };

    public Task<CliRun> RunAsync(params string[] args) => CliRun.RunAsync(Folder, Environment, args, Timeout);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "agents", "tiny"));
        await File.WriteAllTextAsync(Path.Combine(Folder, "agents", "tiny", "agent.yaml"), AgentYaml);
        CliRun ticks = await RunAsync("generate-ticks", "--from", "2024-01-01", "--to", "2024-01-15", "--momentum", "0.05");
        Assert.True(ticks.ExitCode == 0, ticks.Stdout + ticks.Stderr);
        Train = await RunAsync("train", "tiny");
        Assert.True(Train.ExitCode == 0, Train.Stdout + Train.Stderr);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A dataset may still be mapped; the temporary folder is cleaned by the OS eventually.
        }

        return Task.CompletedTask;
    }
}
