namespace Releat.Agents.Loading;

/// <summary>Where a value sits in an agent's YAML file (1-based line and column), kept so later checks can point at it.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
