namespace Releat.Trading.Tests;

/// <summary>
/// A small agent for learning tests on synthetic ticks: a decision a minute, 1-minute and 5-minute bar features and
/// the time of day, one unit long or short, a commission of 1 pip a round turn on top of the spread, and a small
/// network. Four weeks train, one validates (checkpoint choice), one tests.
/// </summary>
internal static class LearningAgentYaml
{
    /// <param name="features">The features section (from "features:" on) instead of the default one.</param>
    public static string Text(string id, long totalTimesteps, string start = "2020-01-06", string trainEnd = "2020-01-27",
        string validationEnd = "2020-02-03", string end = "2020-02-10", string? features = null) => $$"""
        agent: {{id}}
        raw_data:
          source: ticks
          symbols: [EURUSD]
          decision_timeframe: 1m
          time_offset: 0s
          data_range: { start: {{start}}, end: {{end}} }
          split:
            train: { start: {{start}}, end: {{trainEnd}} }
            validation: { start: {{trainEnd}}, end: {{validationEnd}} }
            test: { start: {{validationEnd}}, end: {{end}} }
        {{features ?? DefaultFeatures}}
        environment:
          actions: { max_units: 1 }
          max_hold: 2h
          stop_pips: 30
          commission_pips: 1.0
          reward: { scaling: 0.1, clip: 5 }
          episode_length: 240
          close_before_weekend: 15m
        model:
          group_encoder: { width: 16 }
          variable_selection: { enabled: true }
          actor: { hidden: [32, 32] }
          critic: { hidden: [32, 32] }
        training:
          total_timesteps: {{totalTimesteps}}
          learning_rate: 1.0e-3
          num_envs: 8
          num_steps: 256
          gamma: 0.99
          gae_lambda: 0.95
          num_minibatches: 4
          update_epochs: 4
          clip_coef: 0.2
          ent_coef: 0.01
          vf_coef: 0.5
          max_grad_norm: 0.5
          seed: 1
        trading:
          lot_size_per_unit: 0.01
          max_position: 1
          daily_loss_limit: 100
          stale_signal_age: 5s
        """;

    /// <summary>Bar features of 1 and 5 minutes, the time of day and the position.</summary>
    public const string DefaultFeatures = """
        features:
          - group: m1
            timeframe: 1m
            lags: 5
            features: [close_diff, slope_angle]
            transform: { clip_percentiles: [0.5, 99.5], standardize: true, clip: 5 }
          - group: m5
            timeframe: 5m
            lags: 3
            features: [close_diff, slope_angle]
            transform: { clip_percentiles: [0.5, 99.5], standardize: true, clip: 5 }
          - group: clock
            kind: time
            features: [time_of_day]
          - group: position
            kind: position
            features: [position, unrealised_pnl, hold_time]
        """;
}
