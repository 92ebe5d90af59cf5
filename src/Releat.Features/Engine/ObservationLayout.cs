namespace Releat.Features.Engine;

/// <summary>
/// The order of values in an observation. Market columns come in config order of the groups; within a bars group
/// lag by lag (lag 0 first), each lag listing the group's features in config order. The agent-state (position)
/// values are not part of it: the environment or trader appends them, in <see cref="AgentStateNames"/> order.
/// </summary>
public sealed class ObservationLayout
{
    public ObservationLayout(IReadOnlyList<ObservationColumn> columns, IReadOnlyList<string> agentStateNames)
    {
        Columns = columns;
        AgentStateNames = agentStateNames;
        Names = [.. columns.Select(c => c.Name)];
    }

    public IReadOnlyList<ObservationColumn> Columns { get; }

    public IReadOnlyList<string> Names { get; }

    public int Width => Columns.Count;

    public IReadOnlyList<string> AgentStateNames { get; }

    /// <summary>Market width plus agent state: the size of the policy's input.</summary>
    public int ModelInputWidth => Width + AgentStateNames.Count;
}
