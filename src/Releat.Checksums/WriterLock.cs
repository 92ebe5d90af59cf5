using System.Globalization;

namespace Releat.Checksums;

/// <summary>
/// Proof that this process is the one writer of a file or folder, held for the writer's life. It is an exclusive
/// OS lock on a lock file: .NET opens a file with <see cref="FileShare.None"/> under flock(LOCK_EX | LOCK_NB) on
/// Linux and with a share mode of none on Windows, so a second opener, in this process or another, fails at once,
/// and the kernel drops the lock when the holder dies (no stale lock after a SIGKILL). Who holds it (pid, host,
/// since when) is written beside it in "&lt;lock&gt;.holder", because a file locked this way cannot be read by
/// anyone else; a refused writer names that holder and has changed nothing.
/// </summary>
/// <remarks>
/// The lock file is never deleted: deleting it while another process has it open would let a third lock a new
/// file of the same name, and two writers would hold "the" lock at once.
/// </remarks>
public sealed class WriterLock : IDisposable
{
    private readonly FileStream _lock;

    private WriterLock(string guarded, string lockPath, FileStream handle)
    {
        Guarded = guarded;
        LockPath = lockPath;
        _lock = handle;
    }

    /// <summary>The file or folder this lock makes one writer's.</summary>
    public string Guarded { get; }

    public string LockPath { get; }

    private string HolderPath => HolderPathOf(LockPath);

    /// <summary>Locks <paramref name="guarded"/> through <paramref name="lockPath"/>, or throws <see cref="WriterLockedException"/>.</summary>
    public static WriterLock Acquire(string guarded, string lockPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(guarded);
        ArgumentException.ThrowIfNullOrEmpty(lockPath);
        if (Path.GetDirectoryName(Path.GetFullPath(lockPath)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        FileStream handle;
        try
        {
            handle = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new WriterLockedException(guarded, lockPath, ReadHolder(lockPath), e);
        }

        var held = new WriterLock(guarded, lockPath, handle);
        try
        {
            File.WriteAllText(held.HolderPath, Describe(Environment.ProcessId, Environment.MachineName, DateTime.UtcNow) + "\n");
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        return held;
    }

    /// <summary>The lock file beside a file: "&lt;file&gt;.lock".</summary>
    public static WriterLock ForFile(string file) => Acquire(file, file + ".lock");

    /// <summary>The lock file inside a folder: "&lt;folder&gt;/writer.lock".</summary>
    public static WriterLock ForFolder(string folder) => Acquire(folder, Path.Combine(folder, "writer.lock"));

    /// <summary>The holder's line from "&lt;lock&gt;.holder", or a note that none was written (yet).</summary>
    public static string ReadHolder(string lockPath)
    {
        try
        {
            string text = File.ReadAllText(HolderPathOf(lockPath)).Trim();
            return text.Length > 0 ? text : "a holder that has not written its name yet";
        }
        catch (IOException)
        {
            return "a holder that has not written its name yet";
        }
        catch (UnauthorizedAccessException)
        {
            return "a holder whose name this user may not read";
        }
    }

    public void Dispose()
    {
        // The holder file goes first, while the lock is still held, so it never names the next holder wrongly.
        try
        {
            File.Delete(HolderPath);
        }
        catch (IOException)
        {
            // A stale holder line is overwritten by the next writer; the lock itself is what counts.
        }

        _lock.Dispose();
    }

    private static string HolderPathOf(string lockPath) => lockPath + ".holder";

    private static string Describe(int pid, string host, DateTime sinceUtc) =>
        string.Create(CultureInfo.InvariantCulture, $"pid {pid} on host {host} since {sinceUtc:yyyy-MM-ddTHH:mm:ss.fffZ}");
}
