using System.Globalization;
using Releat.MarketData.Model;

namespace Releat.Security.Tests.Fuzz.Import;

/// <summary>
/// Turns a <see cref="FilePlan"/> into a tick file in a given format, keeping the model of what the importer must
/// do: which rows are bad, which good rows are already stored, and which ticks it must store, in order. Prices are
/// whole points (1e-5) so the text and the expected doubles agree exactly.
/// </summary>
public sealed class TickFileBuilder(TickFileFormat format)
{
    /// <summary>Two days before a month end, so imports often run into the next month's file.</summary>
    public static readonly long Start = new DateTimeOffset(2024, 3, 30, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static readonly string[] NotNumbers = ["abc", "1.2.3", "--1", "1e", "0x1A", "１.２", "1,08", "+-1", "1.0f"];
    private static readonly string[] NotFinite = ["NaN", "Infinity", "-Infinity"];

    public static Tick[] StoredTicks(int count)
    {
        var ticks = new Tick[count];
        var time = Start;
        for (var i = 0; i < count; i++)
        {
            time += 1_000 + (i * 7_919 % 50_000);
            ticks[i] = new Tick(time, Price(108_000 + i), Price(108_003 + i), 0, 0, TickFlags.Bid | TickFlags.Ask);
        }

        return ticks;
    }

    public GeneratedFile<Tick> Build(FilePlan plan, IReadOnlyList<Tick> stored)
    {
        var file = new GeneratedFile<Tick>();
        file.AddHeader(format.Header);
        var storedKey = stored.Count > 0 ? stored[^1].TimeMs << 16 : long.MinValue;
        var admission = new Admission(storedKey);
        foreach (var tick in stored.Skip(stored.Count - plan.Replayed))
        {
            file.AddRow(Row(format.Fields(tick.TimeMs, Text(tick.Bid), Text(tick.Ask))), bad: false);
            admission.Admit(tick.TimeMs, Points(tick.Bid), Points(tick.Ask), file);
        }

        var lastTime = stored.Count > 0 ? stored[^1].TimeMs : Start;
        foreach (var row in plan.Rows)
        {
            var previous = admission.Previous;
            var fromTime = previous?.TimeMs ?? lastTime;
            var fromBid = previous?.Bid ?? 108_000;
            var kind = row.Kind is RowKind.OutOfOrder or RowKind.Duplicate && previous is null ? RowKind.BadNumber : row.Kind;
            var move = row.Step == 0 && row.Move == 0 ? 1 : row.Move;
            var time = fromTime + row.Step;
            var bid = Math.Max(100, fromBid + move);
            var ask = bid + row.Spread;
            var fields = format.Fields(time, Text(bid), Text(ask));
            switch (kind)
            {
                case RowKind.Good:
                    file.AddRow(Row(fields), bad: false);
                    admission.Admit(time, bid, ask, file);
                    continue;
                case RowKind.Blank:
                    file.AddBlank(row.Choice % 2 == 0 ? "" : "   ");
                    continue;
                case RowKind.WrongColumnCount:
                    fields = row.Choice % 2 == 0 ? fields[..^1] : [.. fields, "0"];
                    break;
                case RowKind.BadNumber:
                    fields[row.Choice % 2 == 0 ? format.BidField : format.AskField] = NotNumbers[row.Choice % NotNumbers.Length];
                    break;
                case RowKind.NotANumber:
                    fields[format.BidField] = NotFinite[row.Choice % NotFinite.Length];
                    break;
                case RowKind.NonPositivePrice:
                    fields[format.BidField] = row.Choice % 2 == 0 ? "0" : "-" + Text(bid);
                    break;
                case RowKind.NegativeVolume:
                    fields[format.VolumeField] = "-" + (1 + (row.Choice % 100)).ToString(CultureInfo.InvariantCulture);
                    break;
                case RowKind.BadDate:
                    var (dateField, dates) = format.BadDates;
                    fields[dateField] = dates[row.Choice % dates.Length];
                    break;
                case RowKind.OutOfOrder:
                    fields = format.Fields(fromTime - 1 - (row.Choice % 3_600_000), Text(bid), Text(ask));
                    break;
                case RowKind.Duplicate:
                    fields = format.Fields(previous!.Value.TimeMs, Text(previous.Value.Bid), Text(previous.Value.Ask));
                    break;
                case RowKind.Garbage:
                    file.AddRow(GarbageLine.From(row.Noise, format.Separator), bad: true);
                    continue;
                case RowKind.InconsistentPrices:
                    // Ticks: an ask below the bid.
                    fields[format.AskField] = Text(Math.Max(1, bid - 1 - row.Spread));
                    break;
            }

            file.AddRow(Row(fields), bad: true);
        }

        return file;
    }

    private string Row(string[] fields) => string.Join(format.Separator, fields);

    private static double Price(int points) => double.Parse(Text(points), CultureInfo.InvariantCulture);

    private static string Text(int points) => (points / 100_000m).ToString("0.00000", CultureInfo.InvariantCulture);

    private static string Text(double price) => price.ToString("0.00000", CultureInfo.InvariantCulture);

    private static int Points(double price) => (int)Math.Round(price * 100_000);

    /// <summary>The importer's admission rule for good rows: (time, number within the millisecond) against the store.</summary>
    private sealed class Admission(long storedKey)
    {
        private ushort _sequence;

        public (long TimeMs, int Bid, int Ask)? Previous { get; private set; }

        public void Admit(long timeMs, int bid, int ask, GeneratedFile<Tick> file)
        {
            _sequence = Previous is { } previous && previous.TimeMs == timeMs ? (ushort)(_sequence + 1) : (ushort)0;
            Previous = (timeMs, bid, ask);
            if (((timeMs << 16) | _sequence) <= storedKey)
            {
                file.AlreadyStored++;
                return;
            }

            file.ExpectedNew.Add(new Tick(timeMs, Price(bid), Price(ask), 0, 0, 0));
        }
    }
}
