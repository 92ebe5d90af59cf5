using System.Text.Json;
using System.Text.Json.Serialization;
using Releat.Training.Evaluation;

namespace Releat.Training.Sweeps;

/// <summary>What one trial achieved: its values, training reward, and the greedy backtest on the validation split.</summary>
public sealed record SweepTrialResult(
    int Trial,
    IReadOnlyDictionary<string, string> Overrides,
    long Steps,
    double MeanEpisodeReward,
    double ValidationNetPips,
    double ValidationSharpe,
    double ValidationMaxDrawdownPips,
    int ValidationTrades,
    string Checkpoint,
    double Seconds)
{
    public const string FilePrefix = "trial-";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The same result rounded as reports hold it: pips to 0.1, ratios to 4 places, seconds to 0.1.</summary>
    public SweepTrialResult Rounded() => this with
    {
        MeanEpisodeReward = ReportedNumber.Ratio(MeanEpisodeReward),
        ValidationNetPips = ReportedNumber.Pips(ValidationNetPips),
        ValidationSharpe = ReportedNumber.Ratio(ValidationSharpe),
        ValidationMaxDrawdownPips = ReportedNumber.Pips(ValidationMaxDrawdownPips),
        Seconds = ReportedNumber.Seconds(Seconds),
    };

    public string ToJson() => JsonSerializer.Serialize(Rounded(), JsonOptions);

    public string Write(string sweepDirectory)
    {
        Directory.CreateDirectory(sweepDirectory);
        string path = Path.Combine(sweepDirectory, $"{FilePrefix}{Trial}.json");
        File.WriteAllText(path + ".partial", ToJson());
        File.Move(path + ".partial", path, overwrite: true);
        return path;
    }

    public static SweepTrialResult Read(string path) =>
        JsonSerializer.Deserialize<SweepTrialResult>(File.ReadAllText(path), JsonOptions)
        ?? throw new InvalidDataException($"{path}: no trial result");
}
