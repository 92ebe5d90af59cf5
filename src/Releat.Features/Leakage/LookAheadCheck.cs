using Releat.Agents.Config;
using Releat.Features.Drivers;
using Releat.Features.Engine;

namespace Releat.Features.Leakage;

/// <summary>
/// Does any feature see the future? For each sampled decision time, the raw observation is computed twice through the
/// batch driver: from the market data as it is, and with every tick (or candle) at or after the decision time
/// perturbed; every column must be bit for bit the same. The decision after it is compared too: there the
/// perturbation must show, or the check proved nothing.
/// </summary>
public sealed class LookAheadCheck(FeaturePlan plan, MarketFeed feed)
{
    private readonly BatchFeatureDriver _driver = new(plan, new BatchOptions { MaxParallelism = 1 });

    /// <summary>Raised with the feed each computation reads (as it is, or perturbed) just before it runs.</summary>
    public event Action<MarketFeed>? Feeding;

    public LookAheadReport Run(IReadOnlyList<long> decisionTimes, ulong seed, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(decisionTimes);
        IReadOnlyList<string> columns = plan.Layout.Names;
        var findings = new List<LeakageFinding>();
        int compared = 0, seen = 0;
        for (int i = 0; i < decisionTimes.Count; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            long time = decisionTimes[i];
            MarketFeed perturbed = feed.PerturbedFrom(time, seed + (ulong)i);
            var range = new TimeRange(time, time + (2 * plan.DecisionStepMs));
            List<(long Time, float[] Row)> before = Rows(feed, range, cancellation);
            List<(long Time, float[] Row)> after = Rows(perturbed, range, cancellation);
            if (before.Count == 0 || before[0].Time != time || after.Count == 0 || after[0].Time != time)
            {
                continue;
            }

            compared++;
            for (int c = 0; c < columns.Count; c++)
            {
                if (BitConverter.SingleToInt32Bits(before[0].Row[c]) != BitConverter.SingleToInt32Bits(after[0].Row[c]))
                {
                    findings.Add(new LeakageFinding(time, columns[c], before[0].Row[c], after[0].Row[c]));
                }
            }

            if (before.Count > 1 && after.Count > 1 && !before[1].Row.AsSpan().SequenceEqual(after[1].Row))
            {
                seen++;
            }
        }

        return new LookAheadReport(decisionTimes.Count, compared, seen, findings);
    }

    private List<(long, float[])> Rows(MarketFeed source, TimeRange range, CancellationToken cancellation)
    {
        Feeding?.Invoke(source);
        var sink = new RowList();
        source.Run(_driver, range, sink, cancellation);
        return sink.Rows;
    }

    private sealed class RowList : IRawRowSink
    {
        public List<(long, float[])> Rows { get; } = [];

        public void Append(long decisionTimeMs, ReadOnlySpan<float> rawObservation, in ExecutionRange execution) =>
            Rows.Add((decisionTimeMs, rawObservation.ToArray()));
    }
}
