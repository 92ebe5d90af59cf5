using Releat.MarketData.Calendar;
using Releat.MarketData.Model;
using Releat.MarketData.Synthetic;
using Releat.MarketData.Time;

namespace Releat.MarketData.Tests.Synthetic;

public sealed class SyntheticTickGeneratorTests
{
    private static readonly SyntheticMarketOptions Week = new() { Seed = 7, StartMs = Times.Utc(2024, 3, 4) };

    [Fact]
    public void TheSameSeedGivesTheSameTicksAndAnotherSeedDoesNot()
    {
        Tick[] first = Generate(Week, 200_000);
        Tick[] again = Generate(Week, 200_000);
        Tick[] other = Generate(Week with { Seed = 8 }, 200_000);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void NoTickFallsBetweenFridayAndSundayAtTwentyTwo()
    {
        Tick[] ticks = GenerateUntil(Week, Times.Utc(2024, 3, 12));

        Assert.All(ticks, t => Assert.True(MarketCalendar.Forex.IsOpen(t.TimeMs), $"tick at {UtcTime.Format(t.TimeMs)}"));
        Tick lastFriday = ticks.Last(t => t.TimeMs < Times.Utc(2024, 3, 9));
        Tick firstSunday = ticks.First(t => t.TimeMs > lastFriday.TimeMs);
        Assert.InRange(lastFriday.TimeMs, Times.Utc(2024, 3, 8, 21, 50), Times.Utc(2024, 3, 8, 22) - 1);
        Assert.InRange(firstSunday.TimeMs, Times.Utc(2024, 3, 10, 22), Times.Utc(2024, 3, 10, 22, 5));
    }

    [Fact]
    public void TheLondonNewYorkOverlapIsBusierThanAsia()
    {
        Tick[] ticks = GenerateUntil(Week, Times.Utc(2024, 3, 9));
        int[] perHour = new int[24];
        foreach (Tick tick in ticks)
        {
            perHour[UtcTime.MsOfDay(tick.TimeMs) / UtcTime.MsPerHour]++;
        }

        double overlap = perHour[12..16].Average();
        double asia = perHour[0..6].Average();
        Assert.True(overlap > 3 * asia, $"overlap {overlap:F0} ticks/hour vs Asia {asia:F0}");
        Assert.InRange(ticks.Length / 5.0, 150_000, 300_000);
    }

    [Fact]
    public void TheSpreadWidensAroundTheDailyRollover()
    {
        Tick[] ticks = GenerateUntil(Week, Times.Utc(2024, 3, 9));
        double rollover = MeanSpread(ticks, t => UtcTime.MsOfDay(t) is >= 21 * UtcTime.MsPerHour + (56 * UtcTime.MsPerMinute) and < 22 * UtcTime.MsPerHour);
        double midday = MeanSpread(ticks, t => UtcTime.MsOfDay(t) / UtcTime.MsPerHour == 13);

        Assert.True(rollover > 3 * midday, $"rollover spread {rollover:F1} points vs midday {midday:F1}");
        Assert.InRange(midday, 1, 4);
    }

    [Fact]
    public void QuotesAreWholeEurUsdPointsWithFlagsForWhatChanged()
    {
        Tick[] ticks = Generate(Week, 300_000);

        Assert.All(ticks, t =>
        {
            Assert.Equal(Math.Round(t.Bid, 5), t.Bid);
            Assert.Equal(Math.Round(t.Ask, 5), t.Ask);
            Assert.True(t.Ask > t.Bid);
            Assert.InRange(t.Bid, 1.0, 1.2);
            Assert.NotEqual(TickFlags.None, t.Flags & (TickFlags.Bid | TickFlags.Ask));
        });
        for (int i = 1; i < ticks.Length; i++)
        {
            Assert.Equal(ticks[i].Bid != ticks[i - 1].Bid, ticks[i].Flags.HasFlag(TickFlags.Bid));
            Assert.Equal(ticks[i].Ask != ticks[i - 1].Ask, ticks[i].Flags.HasFlag(TickFlags.Ask));
        }

        Tick[] deals = [.. ticks.Where(t => (t.Flags & (TickFlags.Buy | TickFlags.Sell)) != 0)];
        Assert.InRange(deals.Length / (double)ticks.Length, 0.04, 0.06);
        Assert.All(deals, t => Assert.True(t.Volume > 0 && (t.Last == t.Bid || t.Last == t.Ask) && t.Flags.HasFlag(TickFlags.Last | TickFlags.Volume)));
    }

    [Fact]
    public void VolatilityClustersInTickTime()
    {
        // Even at constant variance, realized variance per tick drifts with the session (spread-only quote changes
        // are more frequent in some hours), so GARCH is measured against that baseline.
        double clustered = RealizedVarianceAutocorrelation(Week);
        double constant = RealizedVarianceAutocorrelation(Week with { GarchAlpha = 0, GarchBeta = 0 });

        Assert.True(clustered > constant + 0.15, $"lag-1 autocorrelation of 1000-tick realized variance: GARCH {clustered:F3}, constant {constant:F3}");
    }

    [Fact]
    public void ThePlantedMomentumMakesReturnsPredictableAndZeroStrengthDoesNot()
    {
        double planted = BlockReturnAutocorrelation(Week with { MomentumStrength = 0.05, MomentumHalfLifeTicks = 2000 }, 200);
        double randomWalk = BlockReturnAutocorrelation(Week, 200);

        Assert.True(planted > 0.15, $"momentum 0.05: lag-1 autocorrelation of 200-tick returns {planted:F3}");
        Assert.InRange(randomWalk, -0.05, 0.05);
    }

    [Fact]
    public void OptionsThatCannotDescribeAMarketAreRefused()
    {
        Assert.Throws<ArgumentException>(() => new SyntheticTickGenerator(Week with { GarchAlpha = 0.5, GarchBeta = 0.5 }));
        Assert.Throws<ArgumentException>(() => new SyntheticTickGenerator(Week with { TicksPerSecondByHour = [1, 2] }));
    }

    private static Tick[] Generate(SyntheticMarketOptions options, int count)
    {
        var ticks = new Tick[count];
        new SyntheticTickGenerator(options).Fill(ticks);
        return ticks;
    }

    private static Tick[] GenerateUntil(SyntheticMarketOptions options, long endMs)
    {
        var generator = new SyntheticTickGenerator(options);
        var ticks = new List<Tick>();
        for (Tick t = generator.Next(); t.TimeMs < endMs; t = generator.Next())
        {
            ticks.Add(t);
        }

        return [.. ticks];
    }

    private static double MeanSpread(Tick[] ticks, Func<long, bool> when) =>
        ticks.Where(t => when(t.TimeMs)).Average(t => (t.Ask - t.Bid) * 100_000);

    private static double[] BlockReturns(SyntheticMarketOptions options, int block)
    {
        Tick[] ticks = Generate(options, 1_000_000);
        var returns = new double[(ticks.Length / block) - 1];
        for (int i = 0; i < returns.Length; i++)
        {
            returns[i] = Math.Log(ticks[(i + 1) * block].Mid / ticks[i * block].Mid);
        }

        return returns;
    }

    /// <summary>Realized variance of each 1000-tick block from its 10-tick returns, then its lag-1 autocorrelation.</summary>
    private static double RealizedVarianceAutocorrelation(SyntheticMarketOptions options) =>
        LagOneAutocorrelation([.. BlockReturns(options, 10).Chunk(100).Select(block => block.Sum(r => r * r))]);

    private static double BlockReturnAutocorrelation(SyntheticMarketOptions options, int block) =>
        LagOneAutocorrelation(BlockReturns(options, block));

    private static double LagOneAutocorrelation(double[] x)
    {
        double mean = x.Average();
        double numerator = 0;
        double denominator = 0;
        for (int i = 0; i < x.Length; i++)
        {
            denominator += (x[i] - mean) * (x[i] - mean);
            if (i > 0)
            {
                numerator += (x[i] - mean) * (x[i - 1] - mean);
            }
        }

        return numerator / denominator;
    }
}
