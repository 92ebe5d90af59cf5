using System.Globalization;
using System.Text.RegularExpressions;

namespace Releat.Trader.Core.Tests;

/// <summary>
/// What the signal service's log says it did not publish, and why: runs of decisions older than the stale age
/// (catching up after a start or a lost feed) and signals dropped after the bus stayed unreachable until they were
/// stale. A decision it neither published nor names here is lost.
/// </summary>
internal static partial class SignalServiceLog
{
    private const string Time = @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}";

    /// <summary>Decision times the outputs say were skipped by the stale rule.</summary>
    public static HashSet<long> SkippedAsStale(IEnumerable<string> outputs, long stepMs)
    {
        var skipped = new HashSet<long>();
        foreach (string output in outputs)
        {
            foreach (Match run in StaleRun().Matches(output))
            {
                for (long t = Parse(run.Groups[1].Value); t <= Parse(run.Groups[2].Value); t += stepMs)
                {
                    skipped.Add(t);
                }
            }

            foreach (Match dropped in UnsentStale().Matches(output))
            {
                skipped.Add(Parse(dropped.Groups[1].Value));
            }
        }

        return skipped;
    }

    /// <summary>How many decisions the outputs say were not published again because the bus held them already.</summary>
    public static int NotPublishedAgain(IEnumerable<string> outputs) => outputs.Sum(o => AlreadyOnBus().Count(o));

    private static long Parse(string time) =>
        new DateTimeOffset(DateTime.ParseExact(time, "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)).ToUnixTimeMilliseconds();

    [GeneratedRegex($@"Decisions of \S+ from ({Time}) to ({Time}) \(\d+\) not published: older than the stale age")]
    private static partial Regex StaleRun();

    [GeneratedRegex($@"decided at ({Time}) dropped: the bus stayed unreachable")]
    private static partial Regex UnsentStale();

    [GeneratedRegex(@"not published again: the bus holds its signal")]
    private static partial Regex AlreadyOnBus();
}
