using Releat.Learning.Numerics;

namespace Releat.Training.Sweeps;

/// <summary>
/// Which value combinations a sweep tries. Grid: the Cartesian product in order (the first parameter changes
/// slowest), cut at the trial count. Random: each trial draws every parameter's value uniformly from a stream seeded by
/// the sweep seed and the trial index alone, so any one trial can be run by itself (one per pod) and gets the same values.
/// </summary>
public sealed record SweepPlan(IReadOnlyList<SweepParameter> Parameters, int TrialCount, bool Grid, ulong Seed = 1)
{
    private const ulong TrialSalt = 0xA0761D6478BD642FUL;

    /// <summary>Trials the plan holds: the trial count, or fewer when a grid is smaller.</summary>
    public int Count => Grid ? (int)Math.Min(TrialCount, GridSize) : TrialCount;

    public long GridSize => Parameters.Aggregate(1L, (n, p) => checked(n * p.Values.Count));

    public SweepTrial Trial(int index)
    {
        if (index < 0 || index >= Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the sweep has trials 0..{Count - 1}");
        }

        var overrides = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Grid)
        {
            long rest = index;
            for (int p = Parameters.Count - 1; p >= 0; p--)
            {
                IReadOnlyList<string> values = Parameters[p].Values;
                overrides[Parameters[p].Path] = values[(int)(rest % values.Count)];
                rest /= values.Count;
            }
        }
        else
        {
            var random = new SeededRandom(Seed ^ (TrialSalt * (ulong)(index + 1)));
            foreach (SweepParameter parameter in Parameters)
            {
                overrides[parameter.Path] = parameter.Values[random.NextInt(parameter.Values.Count)];
            }
        }

        return new SweepTrial(index, overrides);
    }

    public IEnumerable<SweepTrial> Trials() => Enumerable.Range(0, Count).Select(Trial);
}
