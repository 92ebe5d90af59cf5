namespace Releat.Learning.Ppo;

/// <summary>The returns of the most recent finished episodes (a ring of fixed capacity), for "mean of the last 20".</summary>
public sealed class EpisodeReturnWindow(int capacity = 100)
{
    private readonly double[] _returns = new double[capacity];
    private long _count;

    public long TotalEpisodes => _count;

    public void Add(double episodeReturn)
    {
        _returns[_count % _returns.Length] = episodeReturn;
        _count++;
    }

    /// <summary>Mean return of the last <paramref name="n"/> episodes (fewer if fewer finished; NaN if none).</summary>
    public double MeanOfLast(int n)
    {
        int take = (int)Math.Min(Math.Min(n, _returns.Length), _count);
        if (take == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        for (long i = _count - take; i < _count; i++)
        {
            sum += _returns[i % _returns.Length];
        }

        return sum / take;
    }

    /// <summary>Oldest first, for checkpoints.</summary>
    public double[] ToArray()
    {
        int take = (int)Math.Min(_returns.Length, _count);
        double[] result = new double[take];
        for (int i = 0; i < take; i++)
        {
            result[i] = _returns[(_count - take + i) % _returns.Length];
        }

        return result;
    }

    public void Restore(IReadOnlyList<double> returns, long totalEpisodes)
    {
        ArgumentNullException.ThrowIfNull(returns);
        if (totalEpisodes < returns.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(totalEpisodes), totalEpisodes, $"EpisodeReturnWindow: {returns.Count} returns cannot come from {totalEpisodes} episodes.");
        }

        _count = totalEpisodes - returns.Count;
        foreach (double r in returns)
        {
            Add(r);
        }
    }
}
