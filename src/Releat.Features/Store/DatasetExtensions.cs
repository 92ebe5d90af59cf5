namespace Releat.Features.Store;

public static class DatasetExtensions
{
    /// <summary>The rows whose decision time lies in <paramref name="range"/> (e.g. the training split).</summary>
    public static Range RowsIn(this IDataset dataset, Agents.Config.TimeRange range)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return LowerBound(dataset, range.StartMs)..LowerBound(dataset, range.EndMs);
    }

    private static int LowerBound(IDataset dataset, long timeMs)
    {
        int lo = 0;
        int hi = dataset.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (dataset.TimeMs(mid) < timeMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
