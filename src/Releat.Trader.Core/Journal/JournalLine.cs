using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using Releat.Checksums;

namespace Releat.Trader.Core.Journal;

/// <summary>
/// One journal line that proves itself: the entry's JSON object with its sequence number first and a CRC-32C last,
/// <c>{"seq":12,"kind":"intent",...,"crc":"1a2b3c4d"}</c>. The CRC covers every byte of the line before
/// <c>,"crc"</c>, so a torn write, a run of NUL bytes or a flipped bit fails it; the sequence number is the line's
/// number in the file, so a line lost, doubled or written by a second writer out of turn fails it too. The line is
/// still plain JSON (tools read it as before; the reader ignores both fields as entry data). Lines of journals written
/// before checksums (no seq, no crc) still parse as <see cref="JournalLineState.Unchecked"/>.
/// </summary>
internal static class JournalLine
{
    private static ReadOnlySpan<byte> SeqPrefix => "{\"seq\":"u8;

    private static ReadOnlySpan<byte> CrcPrefix => ",\"crc\":\""u8;

    /// <summary>Length of <c>,"crc":"xxxxxxxx"}</c>.</summary>
    private const int CrcSuffixLength = 8 + 8 + 2;

    /// <summary>Appends the line (with its newline) for <paramref name="entry"/> numbered <paramref name="sequence"/>.</summary>
    public static void Write(ArrayBufferWriter<byte> line, ArrayBufferWriter<byte> scratch, Utf8JsonWriter json, JournalEntry entry, long sequence)
    {
        scratch.ResetWrittenCount();
        json.Reset(scratch);
        JsonSerializer.Serialize(json, entry, JournalJsonContext.Default.JournalEntry);
        json.Flush();
        ReadOnlySpan<byte> body = scratch.WrittenSpan; // {"kind":...}

        int start = line.WrittenCount;
        line.Write(SeqPrefix);
        Utf8Formatter.TryFormat(sequence, line.GetSpan(20), out int digits);
        line.Advance(digits);
        line.Write(","u8);
        line.Write(body[1..^1]);
        uint crc = Crc32C.Compute(line.WrittenSpan[start..]);
        line.Write(CrcPrefix);
        Utf8Formatter.TryFormat(crc, line.GetSpan(8), out _, new StandardFormat('x', 8));
        line.Advance(8);
        line.Write("\"}\n"u8);
    }

    /// <summary>Reads one line (without its newline) expected to be line <paramref name="lineNumber"/> of the file.</summary>
    public static JournalLineRead Read(ReadOnlySpan<byte> text, long lineNumber)
    {
        if (text.IsEmpty)
        {
            return JournalLineRead.Bad("empty line");
        }

        bool checksummed = text.StartsWith(SeqPrefix);
        if (checksummed)
        {
            if (text.Length < SeqPrefix.Length + CrcSuffixLength || !text[^CrcSuffixLength..].StartsWith(CrcPrefix) || text[^2..][0] != (byte)'"' || text[^1] != (byte)'}')
            {
                return JournalLineRead.Bad("cut short (no checksum at its end)");
            }

            if (!Utf8Parser.TryParse(text[^(CrcSuffixLength - CrcPrefix.Length)..^2], out uint stored, out int used, 'x') || used != 8)
            {
                return JournalLineRead.Bad("checksum is not 8 hex digits");
            }

            uint computed = Crc32C.Compute(text[..^CrcSuffixLength]);
            if (computed != stored)
            {
                return JournalLineRead.Bad($"checksum mismatch (stored {stored:x8}, computed {computed:x8})");
            }
        }

        JournalEntry? entry;
        try
        {
            entry = JsonSerializer.Deserialize(text, JournalJsonContext.Default.JournalEntry);
        }
        catch (JsonException e)
        {
            return JournalLineRead.Bad(checksummed ? $"checksum holds but not a journal entry ({e.Message})" : $"not a journal entry ({e.Message})");
        }

        if (entry is null)
        {
            return JournalLineRead.Bad("not a journal entry (null)");
        }

        if (!checksummed)
        {
            return new JournalLineRead(JournalLineState.Unchecked, entry, null);
        }

        if (!Utf8Parser.TryParse(text[SeqPrefix.Length..], out long sequence, out _) || sequence != lineNumber)
        {
            return new JournalLineRead(JournalLineState.OutOfTurn, entry, $"sequence number {sequence} on line {lineNumber} (a line lost, doubled or written out of turn)");
        }

        return new JournalLineRead(JournalLineState.Good, entry, null);
    }
}
