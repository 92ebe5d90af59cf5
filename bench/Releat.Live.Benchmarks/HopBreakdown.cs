using System.Globalization;
using System.Text.RegularExpressions;
using Releat.Contracts.Tracing;

namespace Releat.Live.Benchmarks;

/// <summary>
/// The live path hop by hop, from the hop histogram (releat_live_hop_seconds) each service serves on /metrics: the
/// mean is exact (sum over count); the quantiles are the upper bound of the bucket they fall in, as coarse as the
/// buckets. Warm-up is included: the histograms cannot leave it out.
/// </summary>
internal static partial class HopBreakdown
{
    public static void Print(IEnumerable<string> scrapes)
    {
        var hops = new Dictionary<string, Hop>(StringComparer.Ordinal);
        foreach (string scrape in scrapes)
        {
            foreach (Match m in Series().Matches(scrape))
            {
                string hop = m.Groups["hop"].Value;
                var h = hops.TryGetValue(hop, out var known) ? known : hops[hop] = new Hop();
                double value = double.Parse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
                switch (m.Groups["part"].Value)
                {
                    case "sum":
                        h.Sum += value;
                        break;
                    case "count":
                        h.Count += (long)value;
                        break;
                    default:
                        string le = LeLabel().Match(m.Groups["labels"].Value).Groups[1].Value;
                        double bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, NumberStyles.Float, CultureInfo.InvariantCulture);
                        h.Buckets[bound] = h.Buckets.GetValueOrDefault(bound) + (long)value;
                        break;
                }
            }
        }

        Console.WriteLine($"{"hop (where it ends)",-44} {"count",7} {"mean us",9} {"p50 <=",9} {"p90 <=",9} {"p99 <=",9}");
        foreach (string name in LiveHops.All)
        {
            if (!hops.TryGetValue(name, out var h) || h.Count == 0)
            {
                Console.WriteLine($"{name,-44} {0,7} (not timed)");
                continue;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-44} {h.Count,7} {h.Sum / h.Count * 1e6,9:F0} {h.Bound(0.5),9} {h.Bound(0.9),9} {h.Bound(0.99),9}"));
        }
    }

    [GeneratedRegex(@"^releat_live_hop_seconds_(?<part>bucket|sum|count)\{(?<labels>[^}]*hop=""(?<hop>[a-z_]+)""[^}]*)\} (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Series();

    [GeneratedRegex(@"le=""([^""]+)""")]
    private static partial Regex LeLabel();

    private sealed class Hop
    {
        public double Sum { get; set; }

        public long Count { get; set; }

        /// <summary>Cumulative counts by upper bound (seconds).</summary>
        public SortedDictionary<double, long> Buckets { get; } = [];

        public string Bound(double quantile)
        {
            long wanted = (long)Math.Ceiling(quantile * Count);
            foreach (var (bound, cumulative) in Buckets)
            {
                if (cumulative >= wanted)
                {
                    return double.IsPositiveInfinity(bound) ? "inf" : (bound * 1e6).ToString("F0", CultureInfo.InvariantCulture);
                }
            }

            return "?";
        }
    }
}
