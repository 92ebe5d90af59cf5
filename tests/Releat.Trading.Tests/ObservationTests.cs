using Releat.Features.Drivers;
using Releat.Features.Registry;
using Releat.Features.Store;
using Releat.MarketData.Time;

namespace Releat.Trading.Tests;

public sealed class ObservationTests
{
    [Fact]
    public void The_observation_is_the_rows_market_columns_then_the_position()
    {
        var market = new HandmadeMarket(TestAgent.Load(), 30);
        using InMemoryDataset dataset = market.Dataset();
        var driver = new Driver(market.Environment(), startRow: 5);

        Assert.Equal(dataset.Width + 3, driver.Observation.Length);
        Assert.Equal(dataset.Observation(5).ToArray(), driver.Observation[..dataset.Width]);
        driver.Hold(4);
        Assert.Equal(dataset.Observation(9).ToArray(), driver.Observation[..dataset.Width]);
        Assert.Equal([0f, 0f, 0f], driver.PositionValues);
    }

    [Fact]
    public void Time_of_day_in_the_observation_is_the_decision_times()
    {
        var market = new HandmadeMarket(TestAgent.Load(), 30, UtcTime.FromParts(2024, 1, 9, 18, 0, 3, 0));
        var driver = new Driver(market.Environment());
        driver.Hold(7);

        long msOfDay = UtcTime.MsOfDay(market.Times[7]);
        double angle = 2 * Math.PI * msOfDay / UtcTime.MsPerDay;
        Assert.Equal(Math.Sin(angle), driver.Observation[2], 6);
        Assert.Equal(Math.Cos(angle), driver.Observation[3], 6);
        Assert.Equal(["m1.price_diff.lag0", "m1.price_diff.lag1", "clock.time_of_day.sin", "clock.time_of_day.cos"], market.Dataset().Metadata.Columns);
    }

    [Fact]
    public void The_position_features_show_size_direction_open_profit_and_hold_time()
    {
        var market = new HandmadeMarket(TestAgent.Load(maxUnits: 2, stopPips: 10, maxHold: "100s"), 30);
        market.Windows[0] = new ExecutionRange(1.1, 1.1, 1.1001, 1.1001);   // sell short at 1.1000
        market.Windows[3] = HandmadeMarket.Window(-5);                     // ask mid 1.0996: 4 pips of profit
        var driver = new Driver(market.Environment());
        driver.Step(ActionTable.OpenShort(2));
        Assert.Equal(-1f, driver.PositionValues[0]);
        Assert.Equal(0.1f, driver.PositionValues[2], 6);   // 10 s of 100 s

        driver.Hold(3);   // now at row 4; the open profit is marked at row 3's window
        Assert.Equal(-1f, driver.PositionValues[0]);
        Assert.Equal(0.4f, driver.PositionValues[1], 5);   // 4 pips over a 10-pip stop
        Assert.Equal(0.4f, driver.PositionValues[2], 6);

        // The same numbers the live trader gets from the shared encoder.
        float[] live = new float[3];
        PositionFeatures.Encode(PositionFeatures.Names, -2, 2, 4, 10, TimeSpan.FromSeconds(40), TimeSpan.FromSeconds(100), live);
        Assert.Equal(live, driver.PositionValues, new ToleranceComparer(1e-5f));

        driver.Step(ActionTable.CloseShort(1));
        Assert.Equal(-0.5f, driver.PositionValues[0]);
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }
}
