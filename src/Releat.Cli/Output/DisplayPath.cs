namespace Releat.Cli.Output;

/// <summary>A path as a person reads it: relative to the current folder when inside it, else as it is.</summary>
internal static class DisplayPath
{
    public static string Of(string path)
    {
        string full = Path.GetFullPath(path);
        string here = Path.GetFullPath(Environment.CurrentDirectory);
        string relative = Path.GetRelativePath(here, full);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
    }
}
