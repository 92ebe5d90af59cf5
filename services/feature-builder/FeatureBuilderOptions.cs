namespace Releat.FeatureBuilder;

/// <summary>Where the feature-builder finds agents, ticks and datasets. Section "FeatureBuilder".</summary>
public sealed class FeatureBuilderOptions
{
    public const string Section = "FeatureBuilder";

    /// <summary>Tick/candle stores and datasets; RELEAT_HOME when unset.</summary>
    public string? DataRoot { get; set; }

    /// <summary>Folder of agents/&lt;id&gt;/agent.yaml; RELEAT_AGENTS or the nearest agents folder when unset.</summary>
    public string? AgentsRoot { get; set; }

    public string ResolveDataRoot() =>
        DataRoot ?? Environment.GetEnvironmentVariable("RELEAT_HOME") ?? Path.Combine(Environment.CurrentDirectory, "data");
}
