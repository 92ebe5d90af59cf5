using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;
using Releat.MarketData.Time;

namespace Releat.MarketData.Tests.Storage;

/// <summary>Store properties over arbitrary increasing tick sequences, including many ticks per millisecond and month ends.</summary>
public sealed class TickStorePropertyTests
{
    private static readonly Gen<Tick[]> IncreasingTicks =
        from steps in Gen.ListOf(Gen.Frequency((3, Gen.Constant(0L)), (5, Gen.Choose(1, 2_000).Select(i => (long)i)), (1, Gen.Choose(1, 40).Select(d => d * UtcTime.MsPerDay))))
        from prices in Gen.ListOf(Gen.Choose(100_000, 200_000), steps.Count)
        from spreads in Gen.ListOf(Gen.Choose(0, 30), steps.Count)
        from flags in Gen.ListOf(Gen.Elements(TickFlags.Bid, TickFlags.Ask, TickFlags.Bid | TickFlags.Ask, TickFlags.Last | TickFlags.Volume | TickFlags.Buy), steps.Count)
        select Build(steps, prices, spreads, flags);

    [Property(MaxTest = 60, Replay = PropertySeed.Replay)]
    public Property AnyIncreasingSequenceRoundTrips() =>
        Prop.ForAll(IncreasingTicks.ToArbitrary(), ticks =>
        {
            using var root = new TemporaryDirectory();
            var store = new TickStore(root.Path);
            Write(store, ticks);
            return store.ReadAll("EURUSD").SequenceEqual(ticks);
        });

    [Property(MaxTest = 60, Replay = PropertySeed.Replay)]
    public Property ARangeReadEqualsFilteringAllTicks()
    {
        Gen<(Tick[] Ticks, long From, long To)> cases =
            from ticks in IncreasingTicks
            from a in Gen.Choose(-5, 1_000)
            from b in Gen.Choose(-5, 1_000)
            select (ticks, Bound(ticks, a), Bound(ticks, b));

        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            using var root = new TemporaryDirectory();
            var store = new TickStore(root.Path);
            Write(store, c.Ticks);
            Tick[] expected = [.. c.Ticks.Where(t => t.TimeMs >= c.From && t.TimeMs < c.To)];
            return store.ReadAll("EURUSD", c.From, c.To).SequenceEqual(expected)
                && store.Count("EURUSD", c.From, c.To) == expected.Length;
        });
    }

    private static void Write(TickStore store, Tick[] ticks)
    {
        using TickWriter writer = store.OpenWriter("EURUSD");
        foreach (Tick tick in ticks)
        {
            writer.Append(tick);
        }
    }

    /// <summary>A range bound near the data: before it, inside it (on a tick time or between), or after it.</summary>
    private static long Bound(Tick[] ticks, int choice)
    {
        if (ticks.Length == 0)
        {
            return Times.MondayMorning + choice;
        }

        return choice < 0 ? ticks[0].TimeMs + choice : ticks[choice % ticks.Length].TimeMs + (choice % 3) - 1;
    }

    private static Tick[] Build(List<long> steps, List<int> prices, List<int> spreads, List<TickFlags> flags)
    {
        var ticks = new Tick[steps.Count];
        long time = Times.Utc(2024, 1, 30, 12);
        for (int i = 0; i < ticks.Length; i++)
        {
            time += steps[i];
            double bid = prices[i] / 100_000.0;
            ticks[i] = new Tick(time, bid, (prices[i] + spreads[i]) / 100_000.0, 0, 0, flags[i]);
        }

        return ticks;
    }
}
