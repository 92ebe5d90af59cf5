namespace Releat.Checksums;

/// <summary>Another writer holds a file or folder; the message names it, the lock file and the holder (pid, host).</summary>
public sealed class WriterLockedException : IOException
{
    public WriterLockedException()
    {
    }

    public WriterLockedException(string message)
        : base(message)
    {
    }

    public WriterLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WriterLockedException(string guarded, string lockPath, string holder, Exception innerException)
        : base($"{guarded} already has a writer: {holder} holds {lockPath}; it takes one writer at a time, so nothing was changed", innerException)
    {
        Guarded = guarded;
        Holder = holder;
    }

    /// <summary>The file or folder that already has a writer.</summary>
    public string? Guarded { get; }

    /// <summary>Who holds it, as its holder wrote it: "pid N on host H since T".</summary>
    public string? Holder { get; }
}
