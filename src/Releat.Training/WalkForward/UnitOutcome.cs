using System.Text.Json;
using System.Text.Json.Serialization;
using Releat.Checksums;

namespace Releat.Training.WalkForward;

/// <summary>
/// One fold × seed of a walk-forward, finished: the checkpoint training chose, whether the deploy rule let it trade,
/// and every policy walked over the fold's test window (decision times once, each policy's equity after every
/// decision, its trades and costs). Saved with a checksum as soon as it is done, so an interrupted evaluation resumes
/// after the last one saved; a torn or edited file is run again.
/// </summary>
public sealed record UnitOutcome(
    int Fold,
    ulong Seed,
    long Steps,
    string Checkpoint,
    bool Deployable,
    string DeployReason,
    long[] Times,
    IReadOnlyList<UnitPolicy> Policies)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public UnitPolicy Policy(string name) =>
        Policies.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"fold {Fold} seed {Seed} has no policy '{name}'");

    public static string FileName(int fold, ulong seed) => $"fold-{fold}-seed-{seed}.json";

    public void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        ChecksummedFile.Write(Path.Combine(directory, FileName(Fold, Seed)), JsonSerializer.Serialize(this, JsonOptions));
    }

    /// <summary>The saved outcome, or null when it is missing or fails its checksum (then it is run again).</summary>
    public static UnitOutcome? TryRead(string directory, int fold, ulong seed)
    {
        string? body = ChecksummedFile.TryRead(Path.Combine(directory, FileName(fold, seed)), out _);
        return body is null ? null : JsonSerializer.Deserialize<UnitOutcome>(body, JsonOptions);
    }
}
