namespace Releat.Features.Drivers;

/// <summary>
/// Merges several symbols' tick readers into one time-ordered stream, in batches. Equal times go in symbol order,
/// so the merge is deterministic. With one symbol it is a plain buffered read.
/// </summary>
internal sealed class TickMerger : IDisposable
{
    private const int BufferSize = 4096;
    private readonly ITickReader[] _readers;
    private readonly MarketData.Model.Tick[][] _buffers;
    private readonly int[] _position;
    private readonly int[] _count;

    public TickMerger(ITickReader[] readers)
    {
        _readers = readers;
        _buffers = [.. readers.Select(_ => new MarketData.Model.Tick[BufferSize])];
        _position = new int[readers.Length];
        _count = new int[readers.Length];
    }

    /// <summary>Fills up to <paramref name="ticks"/>.Length ticks and their symbol indices; 0 at the end.</summary>
    public int Read(Span<MarketData.Model.Tick> ticks, Span<int> symbols)
    {
        if (_readers.Length == 1)
        {
            int n = _readers[0].Read(ticks);
            symbols[..n].Clear();
            return n;
        }

        int written = 0;
        while (written < ticks.Length)
        {
            int best = -1;
            for (int s = 0; s < _readers.Length; s++)
            {
                if (_position[s] == _count[s])
                {
                    _count[s] = _readers[s].Read(_buffers[s]);
                    _position[s] = 0;
                }

                if (_position[s] < _count[s]
                    && (best < 0 || _buffers[s][_position[s]].TimeMs < _buffers[best][_position[best]].TimeMs))
                {
                    best = s;
                }
            }

            if (best < 0)
            {
                break;
            }

            ticks[written] = _buffers[best][_position[best]++];
            symbols[written++] = best;
        }

        return written;
    }

    public void Dispose()
    {
        foreach (ITickReader reader in _readers)
        {
            reader.Dispose();
        }
    }
}
