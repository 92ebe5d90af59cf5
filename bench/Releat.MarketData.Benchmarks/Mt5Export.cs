using System.Buffers.Text;
using System.Globalization;
using Releat.MarketData.Model;

namespace Releat.MarketData.Benchmarks;

/// <summary>Writes ticks as MT5's tick export would (unchanged prices left blank), as the import benchmark's input.</summary>
internal static class Mt5Export
{
    public static string Write(Tick[] ticks, string path, ResultTable table)
    {
        (TimeSpan elapsed, _) = Measure.Run(() =>
        {
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            file.Write("<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>\n"u8);
            Span<byte> line = stackalloc byte[128];
            foreach (Tick tick in ticks)
            {
                file.Write(line[..Format(tick, line)]);
            }
        });

        long bytes = new FileInfo(path).Length;
        table.Add("write MT5 export (setup)", ResultTable.PerSecond(ticks.Length, elapsed, "rows"),
            string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:F0} MB, {ticks.Length:N0} rows"));
        return path;
    }

    private static int Format(in Tick tick, Span<byte> line)
    {
        DateTime time = tick.Time;
        int n = 0;
        n += Digits(time.Year, 4, line[n..]);
        line[n++] = (byte)'.';
        n += Digits(time.Month, 2, line[n..]);
        line[n++] = (byte)'.';
        n += Digits(time.Day, 2, line[n..]);
        line[n++] = (byte)'\t';
        n += Digits(time.Hour, 2, line[n..]);
        line[n++] = (byte)':';
        n += Digits(time.Minute, 2, line[n..]);
        line[n++] = (byte)':';
        n += Digits(time.Second, 2, line[n..]);
        line[n++] = (byte)'.';
        n += Digits(time.Millisecond, 3, line[n..]);
        line[n++] = (byte)'\t';
        n += Price(tick.Flags.HasFlag(TickFlags.Bid), tick.Bid, line[n..]);
        line[n++] = (byte)'\t';
        n += Price(tick.Flags.HasFlag(TickFlags.Ask), tick.Ask, line[n..]);
        line[n++] = (byte)'\t';
        n += Price(tick.Flags.HasFlag(TickFlags.Last), tick.Last, line[n..]);
        line[n++] = (byte)'\t';
        n += Price(tick.Flags.HasFlag(TickFlags.Volume), tick.Volume, line[n..]);
        line[n++] = (byte)'\t';
        Utf8Formatter.TryFormat((int)tick.Flags, line[n..], out int written);
        n += written;
        line[n++] = (byte)'\n';
        return n;
    }

    private static int Price(bool present, double value, Span<byte> destination)
    {
        if (!present)
        {
            return 0;
        }

        value.TryFormat(destination, out int written, "0.#####", CultureInfo.InvariantCulture);
        return written;
    }

    private static int Digits(int value, int width, Span<byte> destination)
    {
        for (int i = width - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        return width;
    }
}
