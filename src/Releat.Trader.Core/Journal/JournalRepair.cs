using System.Globalization;
using Releat.Checksums;

namespace Releat.Trader.Core.Journal;

/// <summary>
/// Mends a damaged journal without destroying anything: under the journal's writer lock (so never under a running
/// trader), the file is first copied whole to "&lt;journal&gt;.before-repair-&lt;time&gt;", then its longest valid prefix
/// (every line before the first damaged one) is written to a new file, synced, and renamed over the journal. The
/// trader then starts from that prefix; the lines after the damage stay readable in the copy.
/// </summary>
public static class JournalRepair
{
    public static JournalRepairOutcome Repair(string path, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var writer = WriterLock.ForFile(path);
        JournalScan scan = TradeJournalReader.Scan(path);
        if (scan.Damage is null)
        {
            return new JournalRepairOutcome(scan, null);
        }

        string stamp = nowUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string copy = path + ".before-repair-" + stamp;
        File.Copy(path, copy, overwrite: false);
        string staging = path + ".repaired-" + stamp;
        using (var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        using (var target = new FileStream(staging, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            CopyPrefix(source, target, scan.ValidLength);
            target.Flush(flushToDisk: true);
        }

        File.Move(staging, path, overwrite: true);
        return new JournalRepairOutcome(scan, copy);
    }

    private static void CopyPrefix(Stream source, Stream target, long length)
    {
        var buffer = new byte[81920];
        long left = length;
        while (left > 0)
        {
            int read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                throw new IOException($"the journal shrank while it was being copied ({left} bytes short)");
            }

            target.Write(buffer, 0, read);
            left -= read;
        }
    }
}
