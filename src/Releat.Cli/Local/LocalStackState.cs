using System.Text.Json;
using System.Text.Json.Serialization;

namespace Releat.Cli.Local;

/// <summary>
/// What `releat start` launched, in RELEAT_HOME/run/stack.json, so `releat stop` and `releat status` find the
/// processes again from another shell: written by the stack's supervisor once everything is up and again whenever
/// a process exits or is restarted; removed by stop.
/// </summary>
internal sealed record LocalStackState(string Home, IReadOnlyList<LocalStackProcess> Processes, int? SupervisorPid = null)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string RunDirectory(string home) => Path.Combine(home, "run");

    public static string FileOf(string home) => Path.Combine(RunDirectory(home), "stack.json");

    public static LocalStackState? Read(string home)
    {
        string path = FileOf(home);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<LocalStackState>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a stack file ({e.Message}); stop the processes by hand and delete it", e);
        }
    }

    public void Write()
    {
        Directory.CreateDirectory(RunDirectory(Home));
        string path = FileOf(Home);
        File.WriteAllText(path + ".tmp", JsonSerializer.Serialize(this, Json));
        File.Move(path + ".tmp", path, overwrite: true);
    }
}

/// <summary>
/// One launched process: its name, pid, where it logs, the health address (none for redis), how often the supervisor
/// restarted it, how it last ended, and when it starts again (null while it runs).
/// </summary>
internal sealed record LocalStackProcess(
    string Name,
    int Pid,
    string Log,
    [property: JsonPropertyName("health")] string? Health,
    int Restarts = 0,
    string? LastExit = null,
    DateTime? LastExitUtc = null,
    DateTime? RestartDueUtc = null);
