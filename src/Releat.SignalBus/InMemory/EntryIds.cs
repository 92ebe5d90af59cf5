using System.Globalization;

namespace Releat.SignalBus.InMemory;

/// <summary>In-memory entry ids, written as Redis stream ids ("0-&lt;sequence&gt;") so both buses' ids look alike.</summary>
internal static class EntryIds
{
    public static string Format(long sequence) => "0-" + sequence.ToString(CultureInfo.InvariantCulture);

    public static long Parse(string entryId) =>
        entryId.StartsWith("0-", StringComparison.Ordinal)
        && long.TryParse(entryId.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : throw new ArgumentException($"entry id '{entryId}' is not an in-memory bus id (0-<sequence>)", nameof(entryId));
}
