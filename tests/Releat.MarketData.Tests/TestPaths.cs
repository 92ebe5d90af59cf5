namespace Releat.MarketData.Tests;

/// <summary>Where the repository and its shared sample data are, found by walking up to releat.slnx.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The shared sample data folder, ../shared/data relative to the repository root.</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));

    public static string EurUsdHourlyAsk => Path.Combine(SharedData, "EURUSD_H1_2017_ask.csv");

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "releat.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no releat.slnx above {AppContext.BaseDirectory}");
    }
}
