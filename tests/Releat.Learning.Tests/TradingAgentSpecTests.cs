using System.Text.Json;
using Releat.Learning.Checkpoints;
using Releat.Learning.Layers;
using Releat.Learning.Models;
using Releat.Learning.Ppo;

namespace Releat.Learning.Tests;

/// <summary>A spec survives its checkpoint JSON, and a spec written before activations were configurable builds the network it trained.</summary>
public sealed class TradingAgentSpecTests
{
    /// <summary>spec.json as checkpoints wrote it before the activation and selector fields existed.</summary>
    private const string SpecBeforeActivations = """
        {
          "variable_sizes": [3, 2, 1],
          "action_count": 3,
          "encoder_width": 4,
          "head_hidden": 5,
          "dropout": 0,
          "actor_hidden": [6, 5],
          "critic_hidden": [5],
          "actor_layers": [6, 5],
          "critic_layers": [5],
          "observation_size": 6
        }
        """;

    [Fact]
    public void A_spec_without_the_activation_fields_loads_as_elu_encoders_tanh_heads_and_a_selector_as_wide_as_the_encoders()
    {
        TradingAgentSpec spec = JsonSerializer.Deserialize<TradingAgentSpec>(SpecBeforeActivations, PpoCheckpoint.JsonOptions)!;
        Assert.Equal(ActivationFunction.Elu, spec.EncoderActivation);
        Assert.Equal(ActivationFunction.Tanh, spec.ActorActivation);
        Assert.Equal(ActivationFunction.Tanh, spec.CriticActivation);
        Assert.Null(spec.SelectorHidden);
        Assert.Equal(4, spec.SelectorHiddenWidth);

        // Outputs of this network (seed 7) computed before the change, with ELU encoders and tanh heads hard-wired.
        var network = new TradingAgentNetwork<double>(spec, 2, seed: 7);
        double[] observations = [0.5, -1.25, 2.0, -0.75, 0.3, -2.5, -0.2, 1.1, -0.9, 0.05, 1.7, -1.4];
        ActorCriticOutput<double> output = network.Forward(observations, 2, training: false);
        double[] logits =
        [
            0.007850577199193971, -0.00503692586056609, 0.0068265072913618954,
            -0.0007979474093273201, -0.006661604635572559, -0.0030136021557129362,
        ];
        double[] values = [0.17488840071908143, -0.025495762589873072];
        for (int i = 0; i < logits.Length; i++)
        {
            Assert.Equal(logits[i], output.Logits[i], 1e-15);
        }

        for (int i = 0; i < values.Length; i++)
        {
            Assert.Equal(values[i], output.Values[i], 1e-15);
        }
    }

    [Fact]
    public void Every_field_survives_the_checkpoint_json()
    {
        var spec = new TradingAgentSpec(
            [40, 12, 2, 3], ActionCount: 5, EncoderWidth: 16, HeadHidden: 8, Dropout: 0, ActorHidden: [64, 32], CriticHidden: [48],
            EncoderActivation: ActivationFunction.Gelu, SelectorHidden: 24, ActorActivation: ActivationFunction.Relu, CriticActivation: ActivationFunction.Silu);
        string json = JsonSerializer.Serialize(spec, PpoCheckpoint.JsonOptions);
        Assert.Contains("\"encoder_activation\": \"gelu\"", json, StringComparison.Ordinal);
        TradingAgentSpec loaded = JsonSerializer.Deserialize<TradingAgentSpec>(json, PpoCheckpoint.JsonOptions)!;

        Assert.Equal(json, JsonSerializer.Serialize(loaded, PpoCheckpoint.JsonOptions));
        Assert.Equal(spec with { VariableSizes = loaded.VariableSizes, ActorHidden = loaded.ActorHidden, CriticHidden = loaded.CriticHidden }, loaded);
    }
}
