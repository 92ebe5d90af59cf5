using Releat.MarketData.Model;

namespace Releat.MarketData.Tests.Model;

public sealed class SymbolCatalogTests
{
    [Theory]
    [InlineData("EURUSD", 5, 0.00001, 0.0001, "EUR", "USD")]
    [InlineData("GBPUSD", 5, 0.00001, 0.0001, "GBP", "USD")]
    [InlineData("USDJPY", 3, 0.001, 0.01, "USD", "JPY")]
    [InlineData("USDCHF", 5, 0.00001, 0.0001, "USD", "CHF")]
    public void TheMajorsShipInsideTheAssembly(string name, int digits, double point, double pip, string baseCurrency, string quote)
    {
        SymbolSpec spec = SymbolCatalog.Defaults[name];

        Assert.Equal((digits, point, pip, baseCurrency, quote), (spec.Digits, spec.Point, spec.PipSize, spec.BaseCurrency, spec.QuoteCurrency));
        Assert.Equal(quote, spec.ProfitCurrency);
        Assert.Equal(100_000, spec.ContractSize);
        Assert.Equal(new TimeOnly(22, 0), spec.RolloverTime);
        Assert.Equal(DayOfWeek.Wednesday, spec.TripleSwapDay);
        Assert.False(spec.Sessions.IsOpen(Times.Utc(2024, 3, 9, 12)));
        Assert.True(spec.Sessions.IsOpen(Times.MondayMorning));
    }

    [Fact]
    public void AnUnknownSymbolListsTheKnownOnes()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => SymbolCatalog.Defaults["XAUUSD"]);
        Assert.Contains("EURUSD, GBPUSD, USDCHF, USDJPY", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"name":"X","pipSize":0.0001,"baseCurrency":"EUR","quoteCurrency":"USD"}]""", "symbol X: Digits is missing")]
    [InlineData("""[{"name":"X","digits":5,"pipSize":0.0001,"baseCurrency":"EUR","quoteCurrency":"USD","tripleSwapDay":"Someday"}]""", "symbol X: TripleSwapDay 'Someday' is not a weekday")]
    [InlineData("""[{"name":"X","digits":5,"pipSize":0.0001,"baseCurrency":"EUR","quoteCurrency":"USD","sessions":{"Monday":["9-5"]}}]""", "symbol X: Sessions.Monday")]
    [InlineData("""[{"name":"X","digits":5,"pipSize":-1,"baseCurrency":"EUR","quoteCurrency":"USD"}]""", "symbol spec X: PipSize must be positive")]
    [InlineData("""[{"name":"X",""", "line")]
    public void SpecFilesReportTheSourceSymbolAndField(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SymbolCatalog.Parse(json, "broker.json"));
        Assert.StartsWith("broker.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.01, true)]
    [InlineData(1.37, true)]
    [InlineData(0.005, false)]
    [InlineData(0.015, false)]
    [InlineData(101, false)]
    public void VolumesMustRespectMinimumMaximumAndStep(double volume, bool valid) =>
        Assert.Equal(valid, SymbolCatalog.Defaults["EURUSD"].VolumeProblem(volume) is null);

    [Fact]
    public void PointsAndPipsConvertToPrices()
    {
        SymbolSpec jpy = SymbolCatalog.Defaults["USDJPY"];
        Assert.Equal(0.012, jpy.PointsToPrice(12), 12);
        Assert.Equal(150.123, jpy.RoundToPoint(150.12345));
        Assert.Equal(0.1, SymbolCatalog.Defaults["EURUSD"].PipsPerPoint, 12);
    }
}
