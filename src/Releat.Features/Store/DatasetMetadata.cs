using Releat.Features.Transforms;

namespace Releat.Features.Store;

/// <summary>
/// What a dataset is, saved beside its arrays as JSON: which agent and config built it, the decision grid, the
/// column names, the split, and the transforms fitted on the training split (so live trading applies exactly the
/// same ones). Rows are decision times in increasing order.
/// </summary>
public sealed record DatasetMetadata
{
    public const int CurrentFormatVersion = 1;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    public required string AgentId { get; init; }

    /// <summary>SHA-256 of the agent.yaml text the dataset was built from (hex).</summary>
    public string ConfigSha256 { get; init; } = "";

    public required string TradedSymbol { get; init; }

    public required long DecisionStepMs { get; init; }

    public required long TimeOffsetMs { get; init; }

    public required Agents.Config.TimeRange DataRange { get; init; }

    public required Agents.Config.TimeRange Train { get; init; }

    public required Agents.Config.TimeRange Validation { get; init; }

    public required Agents.Config.TimeRange Test { get; init; }

    public long Rows { get; init; }

    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>Position features the environment appends after the market columns (not stored).</summary>
    public IReadOnlyList<string> AgentStateColumns { get; init; } = [];

    public required IReadOnlyList<FeatureTransform> Transforms { get; init; }

    /// <summary>Ticks (or candles) read to build it, warm-up included.</summary>
    public long TicksRead { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public int Width => Columns.Count;
}
