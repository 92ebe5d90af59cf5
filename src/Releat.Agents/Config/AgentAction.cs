namespace Releat.Agents.Config;

/// <summary>One discrete action of the policy: what it does and with how many units.</summary>
public sealed record AgentAction(string Name, AgentActionKind Kind, int Units);
