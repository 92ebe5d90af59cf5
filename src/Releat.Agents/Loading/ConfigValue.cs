namespace Releat.Agents.Loading;

/// <summary>
/// One effective value of an agent config and where it came from: the file (with its line), the loader's default,
/// or a command-line override. <see cref="Value"/> is written as it would be in the YAML.
/// </summary>
public sealed record ConfigValue(string Field, string Value, ConfigValueOrigin Origin, SourceLocation? Location);
