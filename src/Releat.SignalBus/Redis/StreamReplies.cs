using StackExchange.Redis;

namespace Releat.SignalBus.Redis;

/// <summary>
/// Stream entries as the bus handles them, from the client's typed replies and from the one raw reply it decodes
/// itself: the blocking XREADGROUP (see <see cref="RedisSignalConsumer"/>), which the client sends through Execute.
/// </summary>
internal static class StreamReplies
{
    /// <summary>XREADGROUP's reply: nil (nothing before the block ran out) or [[key, [entry, ...]], ...].</summary>
    public static List<StreamEntry> ReadGroup(RedisResult reply)
    {
        var entries = new List<StreamEntry>();
        if (reply.IsNull)
        {
            return entries;
        }

        foreach (var stream in (RedisResult[])reply!)
        {
            var parts = (RedisResult[])stream!;
            string key = (string)parts[0]!;
            if (parts[1].IsNull)
            {
                continue;
            }

            foreach (var item in (RedisResult[])parts[1]!)
            {
                var entry = (RedisResult[])item!;
                entries.Add(new StreamEntry(key, (string)entry[0]!, PayloadOf(entry[1])));
            }
        }

        return entries;
    }

    /// <summary>Typed entries of one stream; an entry deleted while pending (no fields) has no payload.</summary>
    public static void Add(string key, ReadOnlySpan<StackExchange.Redis.StreamEntry> typed, List<StreamEntry> entries)
    {
        foreach (var entry in typed)
        {
            if (entry.IsNull && entry.Id.IsNull)
            {
                continue;
            }

            byte[]? payload = null;
            if (entry.Values is { Length: > 0 } values)
            {
                payload = [];
                foreach (var pair in values)
                {
                    if (pair.Name == RedisStreamKeys.SignalField)
                    {
                        payload = (byte[])pair.Value!;
                        break;
                    }
                }
            }

            entries.Add(new StreamEntry(key, (string)entry.Id!, payload));
        }
    }

    /// <summary>[field, value, ...] or nil when the entry was deleted: the signal's bytes, [] without the field, null.</summary>
    private static byte[]? PayloadOf(RedisResult fields)
    {
        if (fields.IsNull)
        {
            return null;
        }

        var pairs = (RedisResult[])fields!;
        for (int i = 0; i + 1 < pairs.Length; i += 2)
        {
            if ((string)pairs[i]! == RedisStreamKeys.SignalField)
            {
                return (byte[])pairs[i + 1]!;
            }
        }

        return pairs.Length == 0 ? null : [];
    }
}
