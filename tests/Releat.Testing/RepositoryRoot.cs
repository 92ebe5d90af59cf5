namespace Releat.Testing;

/// <summary>Finds the checkout the tests run from, so they can reach ../shared/data and built service binaries.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    /// <summary>The shared folder beside the checkout (sample data, reference implementations).</summary>
    public static string SharedPath => System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, "..", "shared"));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "releat.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No releat.slnx above {AppContext.BaseDirectory}: tests must run from a checkout.");
    }
}
