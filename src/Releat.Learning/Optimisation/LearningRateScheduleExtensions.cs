namespace Releat.Learning.Optimisation;

public static class LearningRateScheduleExtensions
{
    /// <summary>The rate for a 0-based update out of <paramref name="totalUpdates"/>.</summary>
    public static double RateAt(this LearningRateSchedule schedule, double initialRate, int update, int totalUpdates)
    {
        if (totalUpdates <= 0 || update < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(update), $"Learning rate schedule: update {update} of {totalUpdates} is not a position in a run.");
        }

        double progress = (double)update / totalUpdates;
        return schedule switch
        {
            LearningRateSchedule.Constant => initialRate,
            LearningRateSchedule.Linear => initialRate * (1.0 - progress),
            LearningRateSchedule.Cosine => initialRate * 0.5 * (1.0 + Math.Cos(Math.PI * progress)),
            _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, "Unknown learning rate schedule."),
        };
    }
}
