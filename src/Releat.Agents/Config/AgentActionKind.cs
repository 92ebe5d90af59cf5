namespace Releat.Agents;

public enum AgentActionKind
{
    Hold,
    OpenLong,
    CloseLong,
    OpenShort,
    CloseShort,
}
