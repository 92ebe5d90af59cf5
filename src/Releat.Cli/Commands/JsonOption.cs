using System.CommandLine;

namespace Releat.Cli.Commands;

/// <summary>The --json option of the commands that report results: machine-readable JSON on standard output.</summary>
internal static class JsonOption
{
    public static Option<bool> Create() => new("--json")
    {
        Description = "Print the result as JSON on standard output (progress, if any, goes to standard error).",
    };
}
