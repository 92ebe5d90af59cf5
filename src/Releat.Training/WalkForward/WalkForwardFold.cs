using Releat.Agents.Config;

namespace Releat.Training.WalkForward;

/// <summary>One fold of a walk-forward: its number (from 1) and its training, validation and test windows, in time order.</summary>
public sealed record WalkForwardFold(int Number, DataSplit Split)
{
    /// <summary>
    /// K folds rolling forward over a data range cut into K + trainSegments + 1 equal spans of whole days: fold k
    /// trains on spans k .. k + trainSegments - 1, validates on the next and tests on the one after, so the test
    /// windows follow each other without overlap and every fold is fitted and chosen on data before its test.
    /// </summary>
    public static IReadOnlyList<WalkForwardFold> Plan(TimeRange dataRange, int folds, int trainSegments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(trainSegments, 1);
        const long day = 86_400_000;
        long start = (dataRange.StartMs + day - 1) / day * day;
        long days = (dataRange.EndMs - start) / day;
        int spans = folds + trainSegments + 1;
        long spanDays = days / spans;
        if (spanDays < 1)
        {
            throw new ArgumentException(
                $"raw_data.data_range {dataRange} holds {Math.Max(0, days)} whole days: too few for {folds} folds of {trainSegments} training, one validation and one test span of a day or more");
        }

        long span = spanDays * day;
        var plan = new List<WalkForwardFold>(folds);
        for (int k = 0; k < folds; k++)
        {
            long trainStart = start + (k * span);
            long validationStart = trainStart + (trainSegments * span);
            var split = new DataSplit(
                new TimeRange(trainStart, validationStart),
                new TimeRange(validationStart, validationStart + span),
                new TimeRange(validationStart + span, validationStart + (2 * span)));
            plan.Add(new WalkForwardFold(k + 1, split));
        }

        return plan;
    }
}
