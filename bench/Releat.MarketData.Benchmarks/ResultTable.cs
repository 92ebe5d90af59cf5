using System.Globalization;

namespace Releat.MarketData.Benchmarks;

/// <summary>Collects one row per measurement and prints them as an aligned table.</summary>
internal sealed class ResultTable
{
    private readonly List<(string Measure, string Rate, string Detail)> _rows = [];

    public void Add(string measure, string rate, string detail) => _rows.Add((measure, rate, detail));

    public static string PerSecond(double count, TimeSpan elapsed, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{count / elapsed.TotalSeconds / 1e6:F2} M {unit}/s");

    public void Print(TextWriter output)
    {
        int w1 = Math.Max("measure".Length, _rows.Max(r => r.Measure.Length));
        int w2 = Math.Max("rate".Length, _rows.Max(r => r.Rate.Length));
        output.WriteLine($"{"measure".PadRight(w1)} | {"rate".PadRight(w2)} | detail");
        output.WriteLine($"{new string('-', w1)}-+-{new string('-', w2)}-+-{new string('-', 40)}");
        foreach ((string measure, string rate, string detail) in _rows)
        {
            output.WriteLine($"{measure.PadRight(w1)} | {rate.PadRight(w2)} | {detail}");
        }
    }
}
