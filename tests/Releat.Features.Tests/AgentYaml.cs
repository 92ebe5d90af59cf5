using Releat.Agents;

namespace Releat.Features.Tests;

/// <summary>Small agent configs written inline, for tests that need features t00001 does not use.</summary>
internal static class AgentYaml
{
    public static string Text(string source, string rawDataExtra, string features, string symbols = "EURUSD") => $$"""
        agent: test
        raw_data:
          source: {{source}}
          symbols: [{{symbols}}]
          decision_timeframe: 10s
          time_offset: 3s
        {{rawDataExtra}}
          data_range: { start: 2020-01-06, end: 2020-01-11 }
          split:
            train: { start: 2020-01-06, end: 2020-01-09 }
            validation: { start: 2020-01-09, end: 2020-01-10 }
            test: { start: 2020-01-10, end: 2020-01-11 }
        features:
        {{features}}
        environment:
          actions: { max_units: 1 }
          max_hold: 1h
          stop_pips: 10
          episode_length: 100
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
          max_position: 1
          daily_loss_limit: 10
          stale_signal_age: 5s
        """;

    public static AgentConfig Load(string features, string rawDataExtra = "", string source = "ticks") =>
        new AgentConfigLoader(TestAgents.Registry).Parse(Text(source, rawDataExtra, features), "test.yaml");
}
