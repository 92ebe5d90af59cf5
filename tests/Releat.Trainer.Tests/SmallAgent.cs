namespace Releat.Trainer.Tests;

/// <summary>A small agent on 1-minute decisions whose PPO iterations are 128 steps, so a run takes seconds.</summary>
internal static class SmallAgent
{
    public const string Yaml = """
        agent: learner
        raw_data:
          source: ticks
          symbols: [EURUSD]
          decision_timeframe: 1m
          time_offset: 0s
          data_range: { start: 2020-01-06, end: 2020-01-17 }
          split:
            train: { start: 2020-01-06, end: 2020-01-13 }
            validation: { start: 2020-01-13, end: 2020-01-15 }
            test: { start: 2020-01-15, end: 2020-01-17 }
        features:
          - group: m1
            timeframe: 1m
            lags: 5
            features: [close_diff, slope_angle]
            transform: { standardize: true, clip: 5 }
          - group: clock
            kind: time
            features: [time_of_day]
          - group: position
            kind: position
            features: [position, unrealised_pnl, hold_time]
        environment:
          actions: { max_units: 1 }
          max_hold: 2h
          stop_pips: 30
          commission_pips: 1.0
          reward: { scaling: 0.1, clip: 5 }
          episode_length: 240
        model:
          group_encoder: { width: 8 }
          variable_selection: { enabled: true }
          actor: { hidden: [16] }
          critic: { hidden: [16] }
        training:
          total_timesteps: 1280
          learning_rate: 1.0e-3
          num_envs: 2
          num_steps: 64
          gamma: 0.99
          gae_lambda: 0.95
          num_minibatches: 2
          update_epochs: 2
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
}
