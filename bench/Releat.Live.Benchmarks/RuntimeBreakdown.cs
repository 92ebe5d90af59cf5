using System.Globalization;
using System.Text.RegularExpressions;

namespace Releat.Live.Benchmarks;

/// <summary>
/// Each service's garbage collections and the time they paused it, from the runtime's own meter on /metrics
/// (dotnet_gc_collections_total, dotnet_gc_pause_time_seconds_total): a pause lands on whichever hop was in flight,
/// so these say how much of the tail the collector can explain.
/// </summary>
internal static partial class RuntimeBreakdown
{
    public static void Print(IReadOnlyList<(string Service, string Scrape)> scrapes)
    {
        Console.WriteLine($"{"service",-20} {"gen0",7} {"gen1",7} {"gen2",7} {"paused ms",10}");
        foreach (var (service, scrape) in scrapes)
        {
            var byGeneration = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (Match m in Collections().Matches(scrape))
            {
                byGeneration[m.Groups["gen"].Value] = Number(m.Groups["value"].Value);
            }

            double paused = Pause().Match(scrape) is { Success: true } p ? Number(p.Groups["value"].Value) : double.NaN;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{service,-20} {byGeneration.GetValueOrDefault("gen0"),7:F0} {byGeneration.GetValueOrDefault("gen1"),7:F0} {byGeneration.GetValueOrDefault("gen2"),7:F0} {paused * 1e3,10:F1}"));
        }
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^dotnet_gc_collections_total\{[^}]*gc_heap_generation=""(?<gen>gen\d)""[^}]*\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Collections();

    [GeneratedRegex(@"^dotnet_gc_pause_time_seconds_total(?:\{[^}]*\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Pause();
}
