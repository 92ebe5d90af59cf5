namespace Releat.MarketData.Trading;

/// <summary>Volume arithmetic without binary drift: 0.1 + 0.2 lots must be 0.3 lots, not 0.30000000000000004.</summary>
internal static class Lots
{
    public static double Round(double volume) => Math.Round(volume, 8);
}
