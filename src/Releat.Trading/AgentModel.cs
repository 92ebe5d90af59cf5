using System.Globalization;
using System.Text.Json;
using Releat.Agents.Config;
using Releat.Features.Store;
using Releat.Learning.Checkpoints;
using Releat.Learning.Layers;
using Releat.Learning.Models;

namespace Releat.Trading;

/// <summary>
/// An agent's policy network as its config describes it (model section) over its dataset's layout: one input
/// variable per feature group (the dataset's columns grouped by their group prefix, in order) plus one for the
/// position features, GRN encoders of model.group_encoder.width and .activation, variable selection whose selector
/// GRN is model.variable_selection.hidden wide, and actor and critic heads of model.actor/critic.hidden and
/// .activation. Every model key is either built as written or refused (<see cref="SpecFor"/>). Training, backtests
/// and the signal service all build it here.
/// </summary>
public static class AgentModel
{
    /// <summary>The network's shape, saved beside the weights in every checkpoint.</summary>
    public const string SpecFile = "spec.json";

    /// <summary>
    /// The network spec. Dropout is 0: PPO collects its rollout with the network in inference mode, so dropout in the
    /// updates would train a different policy from the one that acted. The one model setting it cannot build,
    /// model.variable_selection.enabled: false, is refused rather than ignored.
    /// </summary>
    public static TradingAgentSpec SpecFor(AgentConfig config, DatasetMetadata dataset)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(dataset);
        ModelConfig model = config.Model;
        Require(model.VariableSelection.Enabled, config, "model.variable_selection.enabled", "the network always selects variables (set it to true)");
        return new TradingAgentSpec(
            VariableSizes(dataset),
            ActionCount: ActionTable.For(config.Environment.Actions).Count,
            EncoderWidth: model.GroupEncoder.Width,
            Dropout: 0,
            ActorHidden: model.Actor.Hidden,
            CriticHidden: model.Critic.Hidden,
            EncoderActivation: Function(model.GroupEncoder.Activation, config, "model.group_encoder.activation"),
            SelectorHidden: model.VariableSelection.Hidden,
            ActorActivation: Function(model.Actor.Activation, config, "model.actor.activation"),
            CriticActivation: Function(model.Critic.Activation, config, "model.critic.activation"));
    }

    /// <summary>Sizes of the input variables: consecutive dataset columns sharing a group prefix, then the position features.</summary>
    public static IReadOnlyList<int> VariableSizes(DatasetMetadata dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var sizes = new List<int>();
        string? group = null;
        foreach (string column in dataset.Columns)
        {
            int dot = column.IndexOf('.', StringComparison.Ordinal);
            string name = dot < 0 ? column : column[..dot];
            if (name == group)
            {
                sizes[^1]++;
            }
            else
            {
                sizes.Add(1);
                group = name;
            }
        }

        if (dataset.AgentStateColumns.Count > 0)
        {
            sizes.Add(dataset.AgentStateColumns.Count);
        }

        return sizes;
    }

    public static void SaveSpec(TradingAgentSpec spec, string checkpointDirectory) =>
        File.WriteAllText(Path.Combine(checkpointDirectory, SpecFile), JsonSerializer.Serialize(spec, PpoCheckpoint.JsonOptions));

    public static TradingAgentSpec LoadSpec(string checkpointDirectory)
    {
        string path = Path.Combine(checkpointDirectory, SpecFile);
        try
        {
            return JsonSerializer.Deserialize<TradingAgentSpec>(File.ReadAllText(path), PpoCheckpoint.JsonOptions)
                ?? throw new InvalidDataException($"{path}: no network spec");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a network spec ({e.Message})", e);
        }
    }

    /// <summary>The trained network of a checkpoint, for inference on batches of up to <paramref name="maxBatch"/> rows.</summary>
    public static TradingAgentNetwork<float> LoadNetwork(string checkpointDirectory, int maxBatch = 1)
    {
        TradingAgentSpec spec = LoadSpec(checkpointDirectory);
        var network = new TradingAgentNetwork<float>(spec, maxBatch, seed: 0);
        ParameterFile.Load(network.Parameters, Path.Combine(checkpointDirectory, PpoCheckpoint.ModelFile));
        return network;
    }

    /// <summary>
    /// The spec to resume training from a checkpoint with: the checkpoint's own, as long as the config still describes
    /// it. Building from <see cref="SpecFor"/> alone would load the weights of a run started with ELU encoders (every
    /// checkpoint from before activations were configurable) into GELU encoders without a word, since the shapes
    /// agree; so a model setting that differs from the checkpoint's network is refused, naming the field and both values.
    /// </summary>
    public static TradingAgentSpec SpecToResume(AgentConfig config, DatasetMetadata dataset, string checkpointDirectory)
    {
        TradingAgentSpec configured = SpecFor(config, dataset);
        TradingAgentSpec saved = LoadSpec(checkpointDirectory);
        (string Field, string Saved, string Configured)[] settings =
        [
            ("features (input variables)", Widths(saved.VariableSizes), Widths(configured.VariableSizes)),
            ("environment.actions", Text(saved.ActionCount), Text(configured.ActionCount)),
            ("model.group_encoder.width", Text(saved.EncoderWidth), Text(configured.EncoderWidth)),
            ("model.group_encoder.activation", Name(saved.EncoderActivation), Name(configured.EncoderActivation)),
            ("model.variable_selection.hidden", Text(saved.SelectorHiddenWidth), Text(configured.SelectorHiddenWidth)),
            ("model.actor.hidden", Widths(saved.ActorLayers), Widths(configured.ActorLayers)),
            ("model.actor.activation", Name(saved.ActorActivation), Name(configured.ActorActivation)),
            ("model.critic.hidden", Widths(saved.CriticLayers), Widths(configured.CriticLayers)),
            ("model.critic.activation", Name(saved.CriticActivation), Name(configured.CriticActivation)),
        ];
        foreach ((string field, string trained, string written) in settings)
        {
            if (trained != written)
            {
                throw new NotSupportedException(
                    $"{config.SourceFile}: {field}: {written}, but the network in {Path.Combine(checkpointDirectory, SpecFile)} was trained with {trained}; " +
                    "a resumed run keeps its network (write the trained value, or start a new run)");
            }
        }

        return saved;

        static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
        static string Name(ActivationFunction function) => JsonNamingPolicy.SnakeCaseLower.ConvertName(function.ToString()); // as in the config
        static string Widths(IReadOnlyList<int> widths) => $"[{string.Join(", ", widths)}]";
    }

    private static ActivationFunction Function(Activation activation, AgentConfig config, string field) => activation switch
    {
        Activation.Tanh => ActivationFunction.Tanh,
        Activation.Relu => ActivationFunction.Relu,
        Activation.Gelu => ActivationFunction.Gelu,
        Activation.Elu => ActivationFunction.Elu,
        Activation.Silu => ActivationFunction.Silu,
        _ => throw new NotSupportedException($"{config.SourceFile}: {field}: no layer is built for activation {activation}"),
    };

    private static void Require(bool condition, AgentConfig config, string field, string problem)
    {
        if (!condition)
        {
            throw new NotSupportedException($"{config.SourceFile}: {field}: {problem}");
        }
    }
}
