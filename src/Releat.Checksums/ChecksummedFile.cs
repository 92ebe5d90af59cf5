using System.Globalization;
using System.Text;

namespace Releat.Checksums;

/// <summary>
/// A small text file that must survive a crash and prove it is whole: its first line is <c>crc32c &lt;hex&gt; &lt;bytes&gt;</c>
/// for the UTF-8 body that follows. It is written to a temporary file, flushed to disk and renamed over the target,
/// so a reader sees the old file or the new one; a torn or edited file fails the check and counts as missing.
/// </summary>
public static class ChecksummedFile
{
    private const string Prefix = "crc32c ";

    public static void Write(string path, string body)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(body);
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        string header = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Crc32C.Compute(bytes):x8} {bytes.Length}\n");
        string temporary = path + ".partial";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.ASCII.GetBytes(header));
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The body when the file exists and its checksum and length hold; otherwise null and why.</summary>
    public static string? TryRead(string path, out string? problem)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            problem = $"{path}: missing";
            return null;
        }

        byte[] all = File.ReadAllBytes(path);
        int newline = Array.IndexOf(all, (byte)'\n');
        string header = newline < 0 ? "" : Encoding.ASCII.GetString(all, 0, newline);
        string[] parts = header.Split(' ');
        if (parts.Length != 3 || parts[0] + " " != Prefix
            || !uint.TryParse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint stored)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int length))
        {
            problem = $"{path}: line 1 is not a checksum header ('crc32c <hex> <bytes>')";
            return null;
        }

        ReadOnlySpan<byte> body = all.AsSpan(newline + 1);
        if (body.Length != length)
        {
            problem = $"{path}: {body.Length} bytes after the header, {length} expected (cut short or appended to)";
            return null;
        }

        uint computed = Crc32C.Compute(body);
        if (computed != stored)
        {
            problem = $"{path}: checksum mismatch (stored {stored:x8}, computed {computed:x8})";
            return null;
        }

        problem = null;
        return Encoding.UTF8.GetString(body);
    }
}
