namespace Releat.Agents.Config;

/// <summary>
/// Everything that defines one agent, read from <c>agents/&lt;id&gt;/agent.yaml</c>: where its data comes from, what it
/// observes, the trading environment it learns in, its network, how PPO trains it, how it may trade live and what it must show on validation before it may.
/// </summary>
public sealed record AgentConfig(
    string Id,
    string Description,
    string SourceFile,
    RawDataConfig RawData,
    IReadOnlyList<FeatureGroupConfig> Features,
    EnvironmentConfig Environment,
    ModelConfig Model,
    Learning.Ppo.PpoConfig Training,
    TradingConfig Trading,
    DeployConfig Deploy)
{
    /// <summary>The symbol the agent trades: the first one listed; the others only feed features.</summary>
    public string TradedSymbol => RawData.Symbols[0];
}
