namespace Releat.Agents.Loading;

/// <summary>One problem in an agent's config: the file, line and column, the field's dotted path and what is wrong.</summary>
public sealed record ConfigError(SourceLocation Location, string Field, string Message)
{
    public override string ToString() => $"{Location}: {Field}: {Message}";
}
