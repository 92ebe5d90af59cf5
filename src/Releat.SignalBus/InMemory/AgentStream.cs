using Releat.Contracts.V1;

namespace Releat.SignalBus.InMemory;

/// <summary>One agent's bounded list of signals (oldest trimmed first), its latest, and its consumer groups. Guarded by the bus's gate.</summary>
internal sealed class AgentStream
{
    private readonly List<(long Sequence, Signal Signal)> _entries = [];
    private readonly Dictionary<string, ConsumerGroupState> _groups = new(StringComparer.Ordinal);
    private int _head;

    public Signal? Latest { get; private set; }

    public int Count => _entries.Count - _head;

    public void Append(long sequence, Signal signal, int maxLength)
    {
        _entries.Add((sequence, signal));
        Latest = signal;
        if (Count > maxLength)
        {
            _head += Count - maxLength;
        }

        // Trimmed entries are dropped in bulk once they make up half the list, so trimming stays O(1) amortised.
        if (_head > 1024 && _head * 2 > _entries.Count)
        {
            _entries.RemoveRange(0, _head);
            _head = 0;
        }
    }

    public ConsumerGroupState GroupOf(string group)
    {
        if (!_groups.TryGetValue(group, out var state))
        {
            // A new group starts at the beginning of the stream, as XGROUP CREATE ... 0 does: nothing already
            // published is missed by a trader that starts after the signal service.
            state = new ConsumerGroupState();
            _groups.Add(group, state);
        }

        return state;
    }

    public bool TryGet(long sequence, out Signal signal)
    {
        int low = _head;
        int high = _entries.Count - 1;
        while (low <= high)
        {
            int middle = (low + high) >>> 1;
            long found = _entries[middle].Sequence;
            if (found == sequence)
            {
                signal = _entries[middle].Signal;
                return true;
            }

            if (found < sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        signal = null!;
        return false;
    }

    /// <summary>Entries after <paramref name="sequence"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public IEnumerable<(long Sequence, Signal Signal)> After(long sequence, int limit)
    {
        // Sequences ascend, so the first newer entry is found by bisection rather than a scan of the whole stream.
        int low = _head;
        int high = _entries.Count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (_entries[middle].Sequence <= sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        int end = Math.Min(_entries.Count, low + limit);
        for (int i = low; i < end; i++)
        {
            yield return _entries[i];
        }
    }
}
