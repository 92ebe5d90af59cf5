using Releat.Agents.Config;
using Releat.Features.Store;
using Releat.Learning.Checkpoints;
using Releat.Learning.Layers;
using Releat.Learning.Models;

namespace Releat.Trading.Tests;

/// <summary>The network is built from every model setting of the config, and a checkpoint's spec rebuilds the network it trained.</summary>
public sealed class AgentModelTests
{
    // TestAgent writes no variable_selection section, which the loader reads as disabled.
    private static readonly AgentConfig Config = WithVariableSelection(TestAgent.Load());
    private static readonly DatasetMetadata Dataset = new HandmadeMarket(Config, rows: 4).Dataset().Metadata;

    [Fact]
    public void The_spec_carries_the_configured_activations_and_selector_width()
    {
        AgentConfig config = Config with
        {
            Model = new ModelConfig(
                new EncoderConfig(8, Activation.Silu), new VariableSelectionConfig(true, 12), new MlpConfig([8, 6], Activation.Relu), new MlpConfig([5], Activation.Gelu)),
        };
        TradingAgentSpec spec = AgentModel.SpecFor(config, Dataset);
        Assert.Equal(ActivationFunction.Silu, spec.EncoderActivation);
        Assert.Equal(12, spec.SelectorHiddenWidth);
        Assert.Equal(ActivationFunction.Relu, spec.ActorActivation);
        Assert.Equal(ActivationFunction.Gelu, spec.CriticActivation);
        Assert.Equal([8, 6], spec.ActorLayers);
        Assert.Equal([5], spec.CriticLayers);

        var network = new TradingAgentNetwork<float>(spec, 1, seed: 1);
        Assert.Contains(network.Parameters.Tensors, t => t.Name == "vsn.selector.hidden.weight" && t.Shape[0] == 12);
    }

    [Fact]
    public void Unwritten_activations_are_the_loaders_defaults_gelu_encoders_and_tanh_heads()
    {
        // TestAgent's model section gives widths only.
        TradingAgentSpec spec = AgentModel.SpecFor(Config, Dataset);
        Assert.Equal(ActivationFunction.Gelu, spec.EncoderActivation);
        Assert.Equal(ActivationFunction.Tanh, spec.ActorActivation);
        Assert.Equal(ActivationFunction.Tanh, spec.CriticActivation);
        Assert.Equal(Config.Model.GroupEncoder.Width, spec.SelectorHiddenWidth);
    }

    [Fact]
    public void A_network_without_variable_selection_is_refused_naming_the_file_and_field()
    {
        AgentConfig config = Config with { Model = Config.Model with { VariableSelection = new VariableSelectionConfig(false, 8) } };
        var error = Assert.Throws<NotSupportedException>(() => AgentModel.SpecFor(config, Dataset));
        Assert.Contains("test.yaml", error.Message, StringComparison.Ordinal);
        Assert.Contains("model.variable_selection.enabled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_saved_spec_loads_with_every_field()
    {
        TradingAgentSpec spec = AgentModel.SpecFor(
            Config with { Model = Config.Model with { GroupEncoder = new EncoderConfig(8, Activation.Elu), Critic = new MlpConfig([8], Activation.Silu) } }, Dataset);
        using var checkpoint = new CheckpointDirectory();
        AgentModel.SaveSpec(spec, checkpoint.Path);
        TradingAgentSpec loaded = AgentModel.LoadSpec(checkpoint.Path);
        Assert.Equal(spec with { VariableSizes = loaded.VariableSizes, ActorHidden = loaded.ActorHidden, CriticHidden = loaded.CriticHidden }, loaded);
        Assert.Equal(spec.VariableSizes, loaded.VariableSizes);
    }

    [Fact]
    public void A_checkpoint_from_before_configurable_activations_loads_as_it_was_trained()
    {
        // spec.json as written when encoders were always ELU, heads always tanh and the selector as wide as the encoders.
        using var checkpoint = new CheckpointDirectory();
        File.WriteAllText(Path.Combine(checkpoint.Path, AgentModel.SpecFile), """
            { "variable_sizes": [2, 2, 3], "action_count": 5, "encoder_width": 8, "head_hidden": 64, "dropout": 0,
              "actor_hidden": [8], "critic_hidden": [8], "actor_layers": [8], "critic_layers": [8], "observation_size": 7 }
            """);
        var trained = new TradingAgentNetwork<float>(
            new TradingAgentSpec([2, 2, 3], ActionCount: 5, EncoderWidth: 8, Dropout: 0, ActorHidden: [8], CriticHidden: [8]), 1, seed: 3);
        ParameterFile.Save(trained.Parameters, Path.Combine(checkpoint.Path, PpoCheckpoint.ModelFile));

        TradingAgentNetwork<float> loaded = AgentModel.LoadNetwork(checkpoint.Path);
        Assert.Equal(ActivationFunction.Elu, loaded.Spec.EncoderActivation);
        Assert.Equal(8, loaded.Spec.SelectorHiddenWidth);
        Assert.Equal(ActivationFunction.Tanh, loaded.Spec.ActorActivation);
        Assert.Equal(ActivationFunction.Tanh, loaded.Spec.CriticActivation);
        float[] observation = [0.3f, -1.2f, 0.8f, 2.1f, -0.4f, 0.05f, 1.0f];
        Assert.Equal(trained.Forward(observation, 1, training: false).Logits.ToArray(), loaded.Forward(observation, 1, training: false).Logits.ToArray());
        Assert.Equal(trained.Forward(observation, 1, training: false).Values.ToArray(), loaded.Forward(observation, 1, training: false).Values.ToArray());
    }

    [Fact]
    public void A_run_resumes_with_its_checkpoints_network_and_refuses_a_config_that_now_describes_another()
    {
        AgentConfig eluConfig = Config with { Model = Config.Model with { GroupEncoder = new EncoderConfig(8, Activation.Elu) } };
        using var checkpoint = new CheckpointDirectory();
        AgentModel.SaveSpec(AgentModel.SpecFor(eluConfig, Dataset), checkpoint.Path);
        Assert.Equal(ActivationFunction.Elu, AgentModel.SpecToResume(eluConfig, Dataset, checkpoint.Path).EncoderActivation);

        // Config's encoders are gelu (the loader's default), as every agent config now says.
        var error = Assert.Throws<NotSupportedException>(() => AgentModel.SpecToResume(Config, Dataset, checkpoint.Path));
        Assert.Contains("test.yaml: model.group_encoder.activation: gelu", error.Message, StringComparison.Ordinal);
        Assert.Contains("trained with elu", error.Message, StringComparison.Ordinal);

        AgentConfig wider = eluConfig with { Model = eluConfig.Model with { VariableSelection = new VariableSelectionConfig(true, 16) } };
        error = Assert.Throws<NotSupportedException>(() => AgentModel.SpecToResume(wider, Dataset, checkpoint.Path));
        Assert.Contains("model.variable_selection.hidden: 16", error.Message, StringComparison.Ordinal);
    }

    private static AgentConfig WithVariableSelection(AgentConfig config) =>
        config with { Model = config.Model with { VariableSelection = new VariableSelectionConfig(true, config.Model.GroupEncoder.Width) } };

    /// <summary>A checkpoint folder of its own, deleted afterwards.</summary>
    private sealed class CheckpointDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("releat-agent-model-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
