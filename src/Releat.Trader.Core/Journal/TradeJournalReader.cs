using System.Text;

namespace Releat.Trader.Core.Journal;

/// <summary>
/// Reads a trade journal and checks every line (<see cref="JournalLine"/>). A crash while appending can leave the
/// end of the file cut short or zeroed: when nothing readable follows the first bad line, that is the torn tail,
/// reported and ignored (what it recorded is redone on restart, idempotently). A bad line with good records after
/// it, or a good record out of turn, means the file was damaged otherwise: an error naming the file, the line and
/// what is wrong (`releat journal check|repair` shows and mends it).
/// </summary>
public static class TradeJournalReader
{
    public static JournalContents Read(string path)
    {
        JournalScan scan = Scan(path);
        if (scan.Damage is { AtTail: false } damage)
        {
            throw new JournalFormatException(
                $"{path}:{damage.Line}: {damage.What}; {damage.LinesFromHere} line(s) from here on are not used (releat journal check {path} shows it, releat journal repair {path} keeps the valid lines before it)");
        }

        string? torn = scan.Damage is null ? null : TailText(path, scan.ValidLength);
        return new JournalContents(scan.Entries, scan.ValidLength, torn);
    }

    public static JournalScan Scan(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return new JournalScan(path, 0, [], 0, 0, 0, null);
        }

        byte[] bytes = File.ReadAllBytes(path);
        var entries = new List<JournalEntry>();
        long checkedLines = 0, uncheckedLines = 0, validLength = 0, line = 0;
        JournalDamage? damage = null;
        bool readableAfterDamage = false;
        int start = 0;
        while (start < bytes.Length)
        {
            line++;
            int end = Array.IndexOf(bytes, (byte)'\n', start);
            bool complete = end >= 0;
            int stop = complete ? end : bytes.Length;
            JournalLineRead read = JournalLine.Read(bytes.AsSpan(start, stop - start), line);
            if (damage is null)
            {
                string? problem = read.State switch
                {
                    JournalLineState.Bad or JournalLineState.OutOfTurn => read.Problem,
                    JournalLineState.Unchecked when checkedLines > 0 => "no checksum after lines that have one",
                    _ when !complete => "cut short (no end of line)",
                    _ => null,
                };
                if (problem is null)
                {
                    entries.Add(read.Entry!);
                    validLength = end + 1;
                    if (read.State == JournalLineState.Good)
                    {
                        checkedLines++;
                    }
                    else
                    {
                        uncheckedLines++;
                    }
                }
                else
                {
                    damage = new JournalDamage(line, start, problem, AtTail: false, LinesFromHere: 0);
                    // A whole record in the wrong place (out of turn, or unchecked after checked lines) is not a tear.
                    readableAfterDamage = complete && read.State != JournalLineState.Bad;
                }
            }
            else if (read.State != JournalLineState.Bad)
            {
                readableAfterDamage = true;
            }

            start = complete ? end + 1 : bytes.Length;
        }

        if (damage is not null)
        {
            damage = damage with { AtTail = !readableAfterDamage, LinesFromHere = line - damage.Line + 1 };
        }

        return new JournalScan(path, bytes.Length, entries, validLength, checkedLines, uncheckedLines, damage);
    }

    private static string TailText(string path, long from)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        file.Seek(from, SeekOrigin.Begin);
        using var reader = new StreamReader(file, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
