namespace Releat.Agents.Loading;

/// <summary>Collects the problems of one load so the user sees all of them at once.</summary>
internal sealed class ConfigErrorList(string file)
{
    private readonly List<ConfigError> _errors = [];

    public string File { get; } = file;

    public int Count => _errors.Count;

    public void Add(SourceLocation location, string field, string message) => _errors.Add(new(location, field, message));

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new AgentConfigException([.. _errors.OrderBy(e => e.Location.Line).ThenBy(e => e.Location.Column)]);
        }
    }
}
