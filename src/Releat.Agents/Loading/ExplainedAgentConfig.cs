using Releat.Agents.Config;

namespace Releat.Agents.Loading;

/// <summary>A loaded agent config and every value it holds with where that value came from, in file order.</summary>
public sealed record ExplainedAgentConfig(AgentConfig Config, IReadOnlyList<ConfigValue> Values);
