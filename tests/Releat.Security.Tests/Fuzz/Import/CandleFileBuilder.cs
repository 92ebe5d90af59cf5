using System.Globalization;
using Releat.MarketData.Model;

namespace Releat.Security.Tests.Fuzz.Import;

/// <summary>
/// Turns a <see cref="FilePlan"/> into a one-minute candle file in a given format, with the model of what the
/// importer must do: bad rows, already-stored rows, and the candles it must store. Prices are whole points.
/// </summary>
public sealed class CandleFileBuilder(CandleFileFormat format)
{
    private const long Minute = 60_000;

    private static readonly string[] NotNumbers = ["abc", "1.2.3", "--1", "1e", "0x1A", "１.２", "+-1", "1.0f"];
    private static readonly string[] NotFinite = ["NaN", "Infinity", "-Infinity"];

    public static Candle[] StoredCandles(int count)
    {
        var candles = new Candle[count];
        var time = TickFileBuilder.Start;
        for (var i = 0; i < count; i++)
        {
            time += Minute * (1 + (i % 5));
            candles[i] = new Candle(time, Price(108_000 + i), Price(108_010 + i), Price(107_990 + i), Price(108_005 + i), 0, 0, 0);
        }

        return candles;
    }

    public GeneratedFile<Candle> Build(FilePlan plan, IReadOnlyList<Candle> stored)
    {
        var file = new GeneratedFile<Candle>();
        file.AddHeader(format.Header);
        var storedTime = stored.Count > 0 ? stored[^1].TimeMs : long.MinValue;
        long? previousTime = null;
        var close = 108_000;
        foreach (var candle in stored.Skip(stored.Count - plan.Replayed))
        {
            file.AddRow(Row(format.Fields(candle.TimeMs, Text(candle.Open), Text(candle.High), Text(candle.Low), Text(candle.Close), 0)), bad: false);
            file.AlreadyStored++;
            previousTime = candle.TimeMs;
        }

        var lastTime = stored.Count > 0 ? stored[^1].TimeMs : TickFileBuilder.Start;
        foreach (var row in plan.Rows)
        {
            var fromTime = previousTime ?? lastTime;
            var kind = row.Kind is RowKind.OutOfOrder or RowKind.Duplicate && previousTime is null ? RowKind.BadNumber : row.Kind;
            var time = fromTime + (Minute * (1 + (row.Step % 240)));
            var open = Math.Max(200, close + row.Move);
            var next = Math.Max(200, open + (row.Choice % 41) - 20);
            var high = Math.Max(open, next) + row.Spread;
            var low = Math.Min(open, next) - (row.Choice % 7);
            var fields = format.Fields(time, Text(open), Text(high), Text(low), Text(next), row.Choice);
            var price = format.OpenField + (row.Choice % 4);
            switch (kind)
            {
                case RowKind.Good:
                    file.AddRow(Row(fields), bad: false);
                    previousTime = time;
                    close = next;
                    if (time <= storedTime)
                    {
                        file.AlreadyStored++;
                    }
                    else
                    {
                        file.ExpectedNew.Add(new Candle(time, Price(open), Price(high), Price(low), Price(next), 0, 0, 0));
                    }

                    continue;
                case RowKind.Blank:
                    file.AddBlank(row.Choice % 2 == 0 ? "" : "  ");
                    continue;
                case RowKind.WrongColumnCount:
                    fields = row.Choice % 2 == 0 ? fields[..^1] : [.. fields, "0"];
                    break;
                case RowKind.BadNumber:
                    fields[price] = NotNumbers[row.Choice % NotNumbers.Length];
                    break;
                case RowKind.NotANumber:
                    fields[price] = NotFinite[row.Choice % NotFinite.Length];
                    break;
                case RowKind.NonPositivePrice:
                    fields[format.OpenField + 2] = row.Choice % 2 == 0 ? "0" : "-" + Text(low);
                    break;
                case RowKind.NegativeVolume:
                    fields[format.VolumeField] = "-" + (1 + (row.Choice % 100)).ToString(CultureInfo.InvariantCulture);
                    break;
                case RowKind.InconsistentPrices:
                    // The high below the low.
                    fields[format.OpenField + 1] = Text(low - 1 - row.Spread);
                    break;
                case RowKind.BadDate:
                    var (dateField, dates) = format.BadDates;
                    fields[dateField] = dates[row.Choice % dates.Length];
                    break;
                case RowKind.OutOfOrder:
                    fields = format.Fields(fromTime - (Minute * (1 + (row.Step % 240))), Text(open), Text(high), Text(low), Text(next), row.Choice);
                    break;
                case RowKind.Duplicate:
                    fields = format.Fields(fromTime, Text(open), Text(high), Text(low), Text(next), row.Choice);
                    break;
                case RowKind.Garbage:
                    file.AddRow(GarbageLine.From(row.Noise, format.Separator), bad: true);
                    continue;
            }

            file.AddRow(Row(fields), bad: true);
        }

        return file;
    }

    private string Row(string[] fields) => string.Join(format.Separator, fields);

    private static double Price(int points) => double.Parse(Text(points), CultureInfo.InvariantCulture);

    private static string Text(int points) => (points / 100_000m).ToString("0.00000", CultureInfo.InvariantCulture);

    private static string Text(double price) => price.ToString("0.00000", CultureInfo.InvariantCulture);
}
