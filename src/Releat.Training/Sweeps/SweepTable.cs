using System.Globalization;
using System.Text;

namespace Releat.Training.Sweeps;

/// <summary>
/// The results of every finished trial of a sweep in one table (results.csv beside the trial files), gathered from
/// whatever trial files exist, so trials run by separate processes or pods land in the same table.
/// </summary>
public static class SweepTable
{
    public const string FileName = "results.csv";

    public static IReadOnlyList<SweepTrialResult> Collect(string sweepDirectory)
    {
        if (!Directory.Exists(sweepDirectory))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(sweepDirectory, SweepTrialResult.FilePrefix + "*.json")
            .Select(SweepTrialResult.Read)
            .OrderBy(r => r.Trial)];
    }

    /// <summary>Writes results.csv (one column per swept path, then the figures) and returns its path.</summary>
    public static string WriteCsv(string sweepDirectory, IReadOnlyList<SweepTrialResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        string[] paths = [.. results.SelectMany(r => r.Overrides.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var csv = new StringBuilder("trial");
        foreach (string path in paths)
        {
            csv.Append(',').Append(path);
        }

        csv.Append(",steps,mean_episode_reward,validation_net_pips,validation_sharpe,validation_max_drawdown_pips,validation_trades,seconds,checkpoint\n");
        foreach (SweepTrialResult r in results.Select(r => r.Rounded()))
        {
            csv.Append(r.Trial.ToString(CultureInfo.InvariantCulture));
            foreach (string path in paths)
            {
                csv.Append(',').Append(Quote(r.Overrides.TryGetValue(path, out string? v) ? v : ""));
            }

            csv.Append(string.Create(CultureInfo.InvariantCulture,
                $",{r.Steps},{r.MeanEpisodeReward:R},{r.ValidationNetPips:R},{r.ValidationSharpe:R},{r.ValidationMaxDrawdownPips:R},{r.ValidationTrades},{r.Seconds:F1},{Quote(r.Checkpoint)}\n"));
        }

        // Trials finishing together (threads here, pods elsewhere) each rewrite the table: write aside, then swap in.
        string file = Path.Combine(sweepDirectory, FileName);
        Directory.CreateDirectory(sweepDirectory);
        string scratch = $"{file}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.partial";
        File.WriteAllText(scratch, csv.ToString());
        File.Move(scratch, file, overwrite: true);
        return file;
    }

    private static string Quote(string value) =>
        value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
}
