using System.Diagnostics;
using System.Globalization;
using Releat.Checksums;

namespace Releat.MarketData.Tests.Storage;

/// <summary>
/// The one-writer lock as the operating system sees it: flock(2), the lock util-linux's flock(1) takes, so the tests
/// hold it from another process and check that each side refuses the other.
/// </summary>
public sealed class WriterLockTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    [Fact]
    public void A_second_writer_is_refused_naming_the_file_and_the_holder_and_takes_over_once_released()
    {
        string file = Path.Combine(_root.Path, "journal.jsonl");
        using (WriterLock first = WriterLock.ForFile(file))
        {
            var refused = Assert.Throws<WriterLockedException>(() => WriterLock.ForFile(file));
            Assert.Contains(file, refused.Message, StringComparison.Ordinal);
            Assert.Contains($"pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)} on host {Environment.MachineName}", refused.Message, StringComparison.Ordinal);
            Assert.Equal(file, refused.Guarded);
            Assert.False(File.Exists(file), "a refused writer must change nothing");
        }

        using WriterLock second = WriterLock.ForFile(file);
        Assert.Equal(file + ".lock", second.LockPath);
    }

    [Fact]
    public async Task Another_process_holding_the_lock_keeps_this_one_out_and_this_one_keeps_it_out()
    {
        string folder = Path.Combine(_root.Path, "ticks", "EURUSD");
        Directory.CreateDirectory(folder);
        string lockPath = Path.Combine(folder, "writer.lock");

        using (WriterLock.ForFolder(folder))
        {
            // flock -n exits 1 at once when the file is locked.
            Assert.Equal(1, await RunAsync("flock", "-n", lockPath, "true"));
        }

        Assert.Equal(0, await RunAsync("flock", "-n", lockPath, "true"));

        // Another process holds it (until its stdin closes): this process is refused, and the message says who
        // holds it as far as it can know (that process wrote no holder line). The holder waits for the lock (-w):
        // with -n it gave up whenever it started during one of the probes below, which hold the lock for a moment.
        var holder = Process.Start(new ProcessStartInfo("flock", ["-w", "20", lockPath, "cat"]) { RedirectStandardInput = true })!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (await RunAsync("flock", "-n", lockPath, "true") == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "flock(1) did not take the lock within 20 s");
                Assert.False(holder.HasExited, "flock(1) exited before taking the lock");
                await Task.Delay(20);
            }

            var refused = Assert.Throws<WriterLockedException>(() => WriterLock.ForFolder(folder));
            Assert.Contains(folder, refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            holder.StandardInput.Close();
            await holder.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            holder.Dispose();
        }

        using WriterLock mine = WriterLock.ForFolder(folder);
    }

    public void Dispose() => _root.Dispose();

    private static async Task<int> RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments))!;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        return process.ExitCode;
    }
}
