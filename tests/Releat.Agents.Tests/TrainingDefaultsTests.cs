using Releat.Agents.Loading;
using Releat.Features.Registry;
using Releat.Learning.Ppo;
using Releat.Testing;

namespace Releat.Agents.Tests;

/// <summary>
/// PPO keys left out of an agent file take CleanRL's defaults, which are PpoConfig's (the one place they are
/// written), and the loader says which values were written and which were defaulted.
/// </summary>
public sealed class TrainingDefaultsTests
{
    private const string File = "agents/t00001/agent.yaml";
    private static readonly AgentConfigLoader Loader = new(new FeatureRegistry());
    private static readonly string Reference = System.IO.File.ReadAllText(Path.Combine(RepositoryRoot.Path, "agents", "t00001", "agent.yaml"));

    private static readonly string[] PpoKeys =
        ["learning_rate", "anneal_lr", "gamma", "gae_lambda", "num_minibatches", "update_epochs", "norm_adv", "clip_coef", "clip_vloss",
         "ent_coef", "vf_coef", "max_grad_norm", "target_kl"];

    [Fact]
    public void An_agent_without_the_ppo_keys_loads_with_cleanrl_defaults()
    {
        PpoConfig training = Loader.Parse(WithoutPpoKeys(), File).Training;
        Assert.Equal(
            (2.5e-4, true, 0.99, 0.95, 4, 4, true, 0.2, true, 0.01, 0.5, 0.5, (double?)null),
            (training.LearningRate, training.AnnealLr, training.Gamma, training.GaeLambda, training.NumMinibatches, training.UpdateEpochs,
             training.NormAdv, training.ClipCoef, training.ClipVloss, training.EntCoef, training.VfCoef, training.MaxGradNorm, training.TargetKl));
        Assert.Equal((20_000_000L, 8, 256), (training.TotalTimesteps, training.NumEnvs, training.NumSteps)); // still the file's
    }

    [Fact]
    public void An_agent_without_a_training_section_trains_on_ppo_config_defaults()
    {
        string text = string.Join('\n', Reference.Split('\n').Where(l => !l.StartsWith("training:", StringComparison.Ordinal) && !IsTrainingKey(l)));
        Assert.Equal(new PpoConfig(), Loader.Parse(text, File).Training);
    }

    [Fact]
    public void Explain_reports_defaulted_keys_as_default_and_written_ones_with_their_line()
    {
        string text = WithoutPpoKeys();
        ExplainedAgentConfig explained = Loader.Explain(text, File);
        var byField = explained.Values.ToDictionary(v => v.Field);
        foreach (string key in PpoKeys)
        {
            ConfigValue value = byField[$"training.{key}"];
            Assert.Equal(ConfigValueOrigin.Default, value.Origin);
            Assert.Null(value.Location);
        }

        Assert.Equal("0.99", byField["training.gamma"].Value);
        Assert.Equal("true", byField["training.clip_vloss"].Value);
        ConfigValue steps = byField["training.num_steps"];
        Assert.Equal(("256", ConfigValueOrigin.File), (steps.Value, steps.Origin));
        Assert.Equal(text.Split('\n').ToList().FindIndex(l => l.StartsWith("  num_steps:", StringComparison.Ordinal)) + 1, steps.Location!.Value.Line);
    }

    [Fact]
    public void Every_value_the_loader_reads_is_explained_once()
    {
        ExplainedAgentConfig explained = Loader.Explain(Reference, File);
        Assert.Equal(explained.Values.Count, explained.Values.Select(v => v.Field).Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(explained.Values, v => v.Field == "raw_data.symbols" && v.Origin == ConfigValueOrigin.File);
        Assert.Contains(explained.Values, v => v.Field == "training.gradient_workers" && v is { Origin: ConfigValueOrigin.Default, Value: "1" });
    }

    [Fact]
    public void An_invalid_training_value_still_names_its_line()
    {
        string text = WithoutPpoKeys().Replace("  num_steps: 256", "  num_steps: 256\n  gae_lambda: 2", StringComparison.Ordinal);
        AgentConfigException exception = Assert.Throws<AgentConfigException>(() => Loader.Parse(text, File));
        ConfigError error = Assert.Single(exception.Errors);
        Assert.Equal("training.gae_lambda", error.Field);
        Assert.Equal(text.Split('\n').ToList().FindIndex(l => l == "  gae_lambda: 2") + 1, error.Location.Line);
    }

    private static string WithoutPpoKeys() =>
        string.Join('\n', Reference.Split('\n').Where(l => !PpoKeys.Any(k => l.StartsWith($"  {k}:", StringComparison.Ordinal))));

    private static bool IsTrainingKey(string line) =>
        line.StartsWith("  ", StringComparison.Ordinal) && new[] { "total_timesteps", "num_envs", "num_steps", "seed" }.Concat(PpoKeys)
            .Any(k => line.StartsWith($"  {k}:", StringComparison.Ordinal));
}
