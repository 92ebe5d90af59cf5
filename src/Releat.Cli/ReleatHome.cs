namespace Releat.Cli;

/// <summary>Where tick stores, datasets, checkpoints and reports live: RELEAT_HOME, or ./data.</summary>
internal static class ReleatHome
{
    public static string Path =>
        Environment.GetEnvironmentVariable("RELEAT_HOME") is { Length: > 0 } home
            ? System.IO.Path.GetFullPath(home)
            : System.IO.Path.GetFullPath("data");
}
