namespace Releat.Cli.Tests;

/// <summary>A test that runs the CLI under a pseudo-terminal (util-linux's `script`); skipped, saying why, without one.</summary>
public sealed class PseudoTerminalFactAttribute : FactAttribute
{
    public const string Script = "/usr/bin/script";

    public PseudoTerminalFactAttribute()
    {
        if (!File.Exists(Script))
        {
            Skip = $"{Script} (util-linux) is not installed: no pseudo-terminal to run the CLI under";
        }
    }
}
