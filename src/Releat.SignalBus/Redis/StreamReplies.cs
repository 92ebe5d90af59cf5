using StackExchange.Redis;

namespace Releat.SignalBus.Redis;

/// <summary>
/// Decodes the replies of the stream commands, which StackExchange.Redis 1.2.6 hands back as nested untyped results.
/// </summary>
internal static class StreamReplies
{
    /// <summary>XREADGROUP: nil (nothing before the block ran out) or [[key, [entry, ...]], ...].</summary>
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
            AddEntries(key, parts[1], entries);
        }

        return entries;
    }

    /// <summary>XPENDING's extended form: [[id, consumer, idle ms, deliveries], ...].</summary>
    public static List<(string Id, string Consumer)> Pending(RedisResult reply)
    {
        var pending = new List<(string Id, string Consumer)>();
        if (reply.IsNull)
        {
            return pending;
        }

        foreach (var item in (RedisResult[])reply!)
        {
            var parts = (RedisResult[])item!;
            pending.Add(((string)parts[0]!, (string)parts[1]!));
        }

        return pending;
    }

    /// <summary>XCLAIM: [entry, ...]; an entry deleted meanwhile is left out (Redis 7) or nil (older servers).</summary>
    public static void Claimed(string key, RedisResult reply, List<StreamEntry> entries)
    {
        if (reply.IsNull)
        {
            return;
        }

        foreach (var item in (RedisResult[])reply!)
        {
            if (!item.IsNull)
            {
                var entry = (RedisResult[])item!;
                entries.Add(new StreamEntry(key, (string)entry[0]!, PayloadOf(entry[1])));
            }
        }
    }

    /// <summary>Each entry is [id, [field, value, ...]], or [id, nil] in a pending history when the entry was deleted.</summary>
    private static void AddEntries(string key, RedisResult list, List<StreamEntry> entries)
    {
        if (list.IsNull)
        {
            return;
        }

        foreach (var item in (RedisResult[])list!)
        {
            var entry = (RedisResult[])item!;
            string id = (string)entry[0]!;
            entries.Add(new StreamEntry(key, id, PayloadOf(entry[1])));
        }
    }

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

        return [];
    }
}
