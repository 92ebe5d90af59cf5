namespace Releat.Agents.Config;

/// <summary>A variable selection network (Lim et al., Temporal Fusion Transformers) over the group encodings.</summary>
public sealed record VariableSelectionConfig(bool Enabled, int Hidden);
