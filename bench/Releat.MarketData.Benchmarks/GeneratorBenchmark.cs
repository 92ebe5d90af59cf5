using System.Globalization;
using Releat.MarketData.Model;
using Releat.MarketData.Synthetic;
using Releat.MarketData.Time;

namespace Releat.MarketData.Benchmarks;

/// <summary>How fast the seeded generator produces EURUSD ticks into a caller's buffer.</summary>
internal static class GeneratorBenchmark
{
    public static Tick[] Run(int count, ResultTable table)
    {
        var options = new SyntheticMarketOptions { Seed = 42, StartMs = UtcTime.FromDate(new DateOnly(2024, 3, 4)) };
        Warmup.Run(() => new SyntheticTickGenerator(options).Fill(new Tick[300_000]));

        var ticks = new Tick[count];
        var generator = new SyntheticTickGenerator(options);
        (TimeSpan elapsed, long allocated) = Measure.Run(() => generator.Fill(ticks));
        table.Add(
            "generator (GARCH, sessions)",
            ResultTable.PerSecond(count, elapsed, "ticks"),
            string.Create(CultureInfo.InvariantCulture,
                $"{count:N0} ticks to {UtcTime.Format(ticks[^1].TimeMs)}, {allocated} bytes allocated"));

        var momentum = new SyntheticTickGenerator(options with { MomentumStrength = 0.05 });
        var scratch = new Tick[count / 3];
        (TimeSpan withMomentum, _) = Measure.Run(() => momentum.Fill(scratch));
        table.Add("generator + planted momentum", ResultTable.PerSecond(scratch.Length, withMomentum, "ticks"), "strength 0.05, one extra Gaussian per tick");
        return ticks;
    }
}
