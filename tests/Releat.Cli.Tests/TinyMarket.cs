namespace Releat.Cli.Tests;

/// <summary>
/// A working folder as a user's: RELEAT_HOME in ./data with two weeks of synthetic ticks made by `releat
/// generate-ticks`, and ./agents/tiny/agent.yaml, an agent whose training section names only its sizes (no
/// gamma, clip_coef, ... : those take the defaults). `releat train tiny` has run once, its output kept.
/// </summary>
public sealed class TinyMarket : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public const string AgentYaml = """
        agent: tiny
        raw_data:
          source: ticks
          symbols: [EURUSD]
          decision_timeframe: 10s
          time_offset: 3s
          data_range: { start: 2024-01-01, end: 2024-01-15 }
          split:
            train: { start: 2024-01-01, end: 2024-01-10 }
            validation: { start: 2024-01-10, end: 2024-01-12 }
            test: { start: 2024-01-12, end: 2024-01-15 }
        features:
          - group: m1
            timeframe: 1m
            lags: 2
            features: [price_diff]
          - group: position
            kind: position
            features: [position, unrealised_pnl, hold_time]
        environment:
          actions: { max_units: 1 }
          min_hold: 0s
          max_hold: 1h
          stop_pips: 10
          commission_pips: 0.2
          reward: { scaling: 1, clip: 1000 }
          episode_length: 100
        model:
          group_encoder: { width: 8 }
          actor: { hidden: [8] }
          critic: { hidden: [8] }
        training:
          total_timesteps: 512
          num_envs: 2
          num_steps: 64
          num_minibatches: 2
          update_epochs: 1
        trading:
          lot_size_per_unit: 0.01
          max_position: 1
          daily_loss_limit: 10
          stale_signal_age: 5s
          sessions: []
        """;

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
