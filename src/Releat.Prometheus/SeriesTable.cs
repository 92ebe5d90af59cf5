namespace Releat.Prometheus;

/// <summary>
/// The time series of one instrument, found by their tags without allocating once a series exists.
/// The caller holds <see cref="Gate"/> while it reads or updates a series.
/// </summary>
internal sealed class SeriesTable<TSeries>
    where TSeries : class
{
    private readonly Dictionary<int, List<(LabelSet Labels, TSeries Series)>> _byHash = [];
    private readonly List<(LabelSet Labels, TSeries Series)> _inOrder = [];
    private readonly Func<TSeries> _create;

    public SeriesTable(Func<TSeries> create) => _create = create;

    public Lock Gate { get; } = new();

    public IReadOnlyList<(LabelSet Labels, TSeries Series)> All => _inOrder;

    /// <summary>The series for these tags, created on first use. Call with <see cref="Gate"/> held.</summary>
    public TSeries Find(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = LabelSet.HashOf(tags);
        if (!_byHash.TryGetValue(hash, out var bucket))
        {
            bucket = [];
            _byHash[hash] = bucket;
        }

        foreach (var (labels, series) in bucket)
        {
            if (labels.Matches(tags))
            {
                return series;
            }
        }

        var entry = (new LabelSet(tags), _create());
        bucket.Add(entry);
        _inOrder.Add(entry);
        return entry.Item2;
    }
}
