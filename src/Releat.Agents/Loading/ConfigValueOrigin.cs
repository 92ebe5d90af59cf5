namespace Releat.Agents.Loading;

/// <summary>Where an effective config value came from.</summary>
public enum ConfigValueOrigin
{
    /// <summary>Written in the agent file.</summary>
    File,

    /// <summary>Absent from the file: the default the loader applied.</summary>
    Default,

    /// <summary>Set on the command line (--set path=value).</summary>
    Override,
}
