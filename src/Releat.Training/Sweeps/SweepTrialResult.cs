using System.Text.Json;
using System.Text.Json.Serialization;

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

    public string Write(string sweepDirectory)
    {
        Directory.CreateDirectory(sweepDirectory);
        string path = Path.Combine(sweepDirectory, $"{FilePrefix}{Trial}.json");
        File.WriteAllText(path + ".partial", JsonSerializer.Serialize(this, JsonOptions));
        File.Move(path + ".partial", path, overwrite: true);
        return path;
    }

    public static SweepTrialResult Read(string path) =>
        JsonSerializer.Deserialize<SweepTrialResult>(File.ReadAllText(path), JsonOptions)
        ?? throw new InvalidDataException($"{path}: no trial result");
}
