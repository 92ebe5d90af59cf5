namespace Releat.Features.Benchmarks;

/// <summary>The checkout the benchmark runs from, and the shared folder beside it (../shared/peers).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find();

    public static string Peers => Path.GetFullPath(Path.Combine(Root, "..", "shared", "peers"));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "releat.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no releat.slnx above {AppContext.BaseDirectory}: run the benchmark from a checkout");
    }
}
