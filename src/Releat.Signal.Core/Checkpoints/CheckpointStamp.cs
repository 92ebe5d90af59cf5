using Releat.Training.Runs;

namespace Releat.Signal.Core.Checkpoints;

/// <summary>
/// Which save a checkpoint folder holds: its run_state.json's path, write time and size (written last, and rewritten
/// by every save, including a new best copied over the old).
/// </summary>
internal readonly record struct CheckpointStamp(string RunStatePath, DateTime WrittenUtc, long Length)
{
    /// <summary>The stamp of a complete checkpoint folder, or null while it has no run_state.json.</summary>
    public static CheckpointStamp? Read(string checkpointDirectory)
    {
        var file = new FileInfo(Path.Combine(Path.GetFullPath(checkpointDirectory), RunState.FileName));
        try
        {
            return file.Exists ? new CheckpointStamp(file.FullName, file.LastWriteTimeUtc, file.Length) : null;
        }
        catch (IOException)
        {
            // Being replaced right now (a new best): look again at the next poll.
            return null;
        }
    }
}
