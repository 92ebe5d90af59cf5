using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Releat.Training.Runs;

/// <summary>
/// What a checkpoint needs besides PPO's own files (run_state.json): the curriculum's episode length, the best
/// validation result so far, this checkpoint's validation verdict (may it trade live?), the mean episode reward, and
/// the dataset it was trained on (rows and time span), so a resume onto a rebuilt dataset is refused rather than
/// silently mixed.
/// </summary>
public sealed record RunState
{
    public const string FileName = "run_state.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Written for people too (the verdict's reason): no \u escapes of '&', '+' or '>' in a file never put in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public required string AgentId { get; init; }

    public long Steps { get; init; }

    public int EpisodeLength { get; init; }

    public double MeanEpisodeReward { get; init; }

    public double? BestValidationNetPips { get; init; }

    public long? BestValidationSteps { get; init; }

    public double? ValidationNetPips { get; init; }

    /// <summary>Whether this checkpoint may trade live, and why (null in checkpoints saved before the deploy rule).</summary>
    public Evaluation.DeploymentVerdict? Deployment { get; init; }

    public long DatasetRows { get; init; }

    public long DatasetFirstMs { get; init; }

    public long DatasetLastMs { get; init; }

    public DateTime SavedUtc { get; init; }

    public void Write(string directory) => File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, JsonOptions));

    public static RunState Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        try
        {
            return JsonSerializer.Deserialize<RunState>(File.ReadAllText(path), JsonOptions)
                ?? throw new InvalidDataException($"{path}: empty run state");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a run state ({e.Message})", e);
        }
    }
}
