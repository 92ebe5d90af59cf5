namespace Releat.Agents.Config;

/// <summary>
/// The policy network: an encoder per feature group, an optional variable selection network (VSN) weighing the
/// groups, then separate actor and critic MLPs.
/// </summary>
public sealed record ModelConfig(
    EncoderConfig GroupEncoder,
    VariableSelectionConfig VariableSelection,
    MlpConfig Actor,
    MlpConfig Critic);
