using Releat.MarketData.Time;
using Releat.Testing;

namespace Releat.Trading.Tests;

/// <summary>
/// A RELEAT_HOME in a temporary folder with seeded synthetic EURUSD ticks in its tick store and an agents folder for
/// configs written by the test. Deleted on dispose.
/// </summary>
public sealed class SyntheticHome : IDisposable
{
    public SyntheticHome()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "releat-trading-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        Agents = System.IO.Path.Combine(Path, "agent-configs");
    }

    public string Path { get; }

    public string Agents { get; }

    /// <summary>Writes ticks from <paramref name="from"/> to <paramref name="to"/> (UTC dates) into the home's tick store.</summary>
    public long WriteTicks(DateOnly from, DateOnly to, double momentumStrength, ulong seed) =>
        SyntheticTickSeries.WriteToStore(Path, seed, UtcTime.FromDate(from), UtcTime.FromDate(to), momentumStrength);

    /// <summary>Writes agents/&lt;id&gt;/agent.yaml and returns its path.</summary>
    public string WriteAgent(string id, string yaml)
    {
        string folder = System.IO.Path.Combine(Agents, id);
        Directory.CreateDirectory(folder);
        string path = System.IO.Path.Combine(folder, "agent.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A memory-mapped dataset may still be closing; the temp folder is cleaned by the OS eventually.
        }
    }
}
