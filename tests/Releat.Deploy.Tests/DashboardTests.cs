using System.Text.Json;
using System.Text.RegularExpressions;
using Releat.Testing;

namespace Releat.Deploy.Tests;

/// <summary>
/// The Grafana dashboard parses, charts what an operator needs, and queries only metrics the services really export:
/// each query's metric is in deploy/grafana/metrics.txt (families read off a running stack by update-metric-list.sh),
/// and each family there comes from an instrument name in the code, named as the exporter names it (dots and other
/// characters Prometheus does not allow become underscores, then the unit and _total for counters).
/// </summary>
public sealed partial class DashboardTests
{
    private static readonly string[] UnitSuffixes = ["seconds", "milliseconds", "microseconds", "bytes", "value"];

    private static string Grafana => Path.Combine(RepositoryRoot.Path, "deploy", "grafana");

    private static Dictionary<string, string> ExportedFamilies() =>
        File.ReadAllLines(Path.Combine(Grafana, "metrics.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

    private static List<(string Panel, string Expr)> Queries()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Grafana, "releat-dashboard.json")));
        var queries = new List<(string, string)>();
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
        {
            if (panel.TryGetProperty("targets", out var targets))
            {
                queries.AddRange(targets.EnumerateArray().Select(t => (panel.GetProperty("title").GetString()!, t.GetProperty("expr").GetString()!)));
            }
        }

        return queries;
    }

    [Fact]
    public void Every_query_names_a_metric_family_the_services_export_with_the_right_type()
    {
        var families = ExportedFamilies();
        var queries = Queries();
        Assert.True(queries.Count >= 20, $"only {queries.Count} queries");
        foreach (var (panel, expr) in queries)
        {
            var names = MetricName().Matches(expr).Select(m => m.Value).ToList();
            Assert.True(names.Count > 0, $"'{panel}': no releat or gRPC metric in {expr}");
            foreach (string name in names)
            {
                string? histogram = name.EndsWith("_bucket", StringComparison.Ordinal) ? name[..^"_bucket".Length] : null;
                if (histogram is not null)
                {
                    Assert.True(families.GetValueOrDefault(histogram) == "histogram", $"'{panel}': {histogram} is not an exported histogram");
                    Assert.Contains("histogram_quantile(", expr, StringComparison.Ordinal);
                }
                else
                {
                    Assert.True(families.ContainsKey(name), $"'{panel}': {name} is not exported (deploy/grafana/metrics.txt)");
                    Assert.True(families[name] != "counter" || expr.Contains("rate(" + name, StringComparison.Ordinal)
                        || expr.Contains("increase(" + name, StringComparison.Ordinal), $"'{panel}': counter {name} charted without rate()");
                }
            }
        }
    }

    [Fact]
    public void The_dashboard_charts_what_an_operator_watches()
    {
        string all = string.Join('\n', Queries().Select(q => q.Expr));
        foreach (string needed in new[]
        {
            "releat_gateway_ticks_total", "releat_signal_decision_latency_seconds_bucket", "releat_signal_published_total",
            "releat_trader_orders_total", "releat_trader_position", "releat_trader_equity", "releat_trader_daily_pnl",
            "releat_training_steps_total", "releat_training_episode_reward", "grpc_server_calls_total", "grpc_server_duration_seconds_bucket",
        })
        {
            Assert.Contains(needed, all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_listed_family_comes_from_an_instrument_in_the_code()
    {
        var instruments = InstrumentNames();
        foreach (var (family, type) in ExportedFamilies())
        {
            string name = type == "counter" && family.EndsWith("_total", StringComparison.Ordinal) ? family[..^"_total".Length] : family;
            bool found = instruments.Any(i =>
            {
                string exported = NotAllowedInName().Replace(i, "_");
                return name == exported || (name.StartsWith(exported + "_", StringComparison.Ordinal) && UnitSuffixes.Contains(name[(exported.Length + 1)..]));
            });
            Assert.True(found, $"{family} ({type}) matches no instrument name in src/ or services/");
        }
    }

    /// <summary>Every string literal in the services' and libraries' code that looks like a releat or gRPC instrument name.</summary>
    private static HashSet<string> InstrumentNames()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string folder in new[] { "src", "services" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, folder), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (Match match in InstrumentLiteral().Matches(File.ReadAllText(file)))
                {
                    names.Add(match.Groups["name"].Value);
                }
            }
        }

        return names;
    }

    [GeneratedRegex(@"\b(?:releat|grpc_server)_[a-z0-9_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex("[^a-zA-Z0-9_:]")]
    private static partial Regex NotAllowedInName();

    [GeneratedRegex(@"""(?<name>(?:releat|grpc)\.[a-z0-9_.]+)""")]
    private static partial Regex InstrumentLiteral();
}
