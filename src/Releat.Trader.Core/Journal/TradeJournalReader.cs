using System.Text;
using System.Text.Json;

namespace Releat.Trader.Core.Journal;

/// <summary>
/// Reads a trade journal. A crash while appending can leave the last line cut short; that line is reported as the
/// torn tail and ignored (what it recorded is redone on restart, idempotently). An unreadable line anywhere else
/// means the file was damaged otherwise, and is an error naming the file and line.
/// </summary>
public static class TradeJournalReader
{
    public static JournalContents Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return new JournalContents([], 0, null);
        }

        byte[] bytes = File.ReadAllBytes(path);
        var entries = new List<JournalEntry>();
        int start = 0;
        int line = 0;
        while (start < bytes.Length)
        {
            line++;
            int end = Array.IndexOf(bytes, (byte)'\n', start);
            bool complete = end >= 0;
            int stop = complete ? end : bytes.Length;
            bool last = !complete || end + 1 >= bytes.Length;
            var text = bytes.AsSpan(start, stop - start);
            JournalEntry? entry = null;
            Exception? problem = null;
            try
            {
                entry = JsonSerializer.Deserialize(text, JournalJsonContext.Default.JournalEntry);
            }
            catch (JsonException e)
            {
                problem = e;
            }

            if (entry is null || !complete)
            {
                if (last)
                {
                    return new JournalContents(entries, start, Encoding.UTF8.GetString(text));
                }

                throw new JournalFormatException($"{path}:{line}: not a journal entry ({problem?.Message ?? "empty line"})", problem!);
            }

            entries.Add(entry);
            start = end + 1;
        }

        return new JournalContents(entries, bytes.Length, null);
    }
}
