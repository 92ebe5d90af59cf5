namespace Releat.Agents.Loading;

/// <summary>
/// An agent's config could not be loaded. Every problem found is listed (not just the first), each naming the file,
/// line, column and field, so one edit can fix them all.
/// </summary>
public sealed class AgentConfigException : Exception
{
    public AgentConfigException(IReadOnlyList<ConfigError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public AgentConfigException()
        : this([])
    {
    }

    public AgentConfigException(string message)
        : base(message)
    {
        Errors = [];
    }

    public AgentConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public IReadOnlyList<ConfigError> Errors { get; }

    private static string Describe(IReadOnlyList<ConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count switch
        {
            0 => "invalid agent config",
            1 => errors[0].ToString(),
            _ => $"{errors.Count} problems in agent config:{Environment.NewLine}"
                + string.Join(Environment.NewLine, errors.Select(e => "  " + e)),
        };
    }
}
