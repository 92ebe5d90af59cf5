using Releat.Agents;
using Releat.Features;

namespace Releat.Trading.Tests;

/// <summary>Small agent configs written inline: 10 s decisions on EURUSD, with the environment rules a test sets.</summary>
internal static class TestAgent
{
    public static FeatureRegistry Registry { get; } = new();

    public static AgentConfig Load(
        string minHold = "0s", string maxHold = "1h", double stopPips = 10, double commissionPips = 0.2,
        double scaling = 1, double clip = 1000, int maxUnits = 2, int episodeLength = 100,
        string closeBeforeWeekend = "0s", string closeBeforeSessionEnd = "0s", string sessions = "[]") =>
        new AgentConfigLoader(Registry).Parse($$"""
            agent: test
            raw_data:
              source: ticks
              symbols: [EURUSD]
              decision_timeframe: 10s
              time_offset: 3s
              data_range: { start: 2024-01-01, end: 2024-02-01 }
              split:
                train: { start: 2024-01-01, end: 2024-01-20 }
                validation: { start: 2024-01-20, end: 2024-01-25 }
                test: { start: 2024-01-25, end: 2024-02-01 }
            features:
              - group: m1
                timeframe: 1m
                lags: 2
                features: [price_diff]
              - group: clock
                kind: time
                features: [time_of_day]
              - group: position
                kind: position
                features: [position, unrealised_pnl, hold_time]
            environment:
              actions: { max_units: {{maxUnits}} }
              min_hold: {{minHold}}
              max_hold: {{maxHold}}
              stop_pips: {{stopPips}}
              commission_pips: {{commissionPips}}
              reward: { scaling: {{scaling}}, clip: {{clip}} }
              episode_length: {{episodeLength}}
              close_before_weekend: {{closeBeforeWeekend}}
              close_before_session_end: {{closeBeforeSessionEnd}}
            model:
              group_encoder: { width: 8 }
              actor: { hidden: [8] }
              critic: { hidden: [8] }
            training:
              total_timesteps: 1000
              learning_rate: 0.001
              num_envs: 1
              num_steps: 100
              gamma: 0.99
              gae_lambda: 0.95
              num_minibatches: 1
              update_epochs: 1
              clip_coef: 0.2
              ent_coef: 0
              vf_coef: 0.5
              max_grad_norm: 0.5
              seed: 1
            trading:
              lot_size_per_unit: 0.01
              max_position: {{maxUnits}}
              daily_loss_limit: 10
              stale_signal_age: 5s
              sessions: {{sessions}}
            """, "test.yaml");
}
