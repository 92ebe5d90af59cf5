namespace Releat.Agents.Config;

public enum AgentActionKind
{
    Hold,
    OpenLong,
    CloseLong,
    OpenShort,
    CloseShort,
}
