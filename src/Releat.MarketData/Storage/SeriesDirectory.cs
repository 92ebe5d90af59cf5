using System.Globalization;
using Releat.MarketData.Model;
using Releat.MarketData.Time;

namespace Releat.MarketData.Storage;

/// <summary>
/// The folder holding one series (ticks of a symbol, or candles of a symbol and timeframe) as one file per UTC
/// month named yyyy-MM plus the kind's extension: <c>&lt;root&gt;/ticks/EURUSD/2017-03.ticks</c>,
/// <c>&lt;root&gt;/candles/EURUSD/H1/2017-03.candles</c>.
/// </summary>
public sealed class SeriesDirectory
{
    private const string WriterLockName = "writer.lock";

    private SeriesDirectory(string path, string extension, SeriesKind kind, string symbol, int timeframeSeconds)
    {
        Path = path;
        Extension = extension;
        Kind = kind;
        Symbol = symbol;
        TimeframeSeconds = timeframeSeconds;
    }

    public string Path { get; }

    public string Extension { get; }

    public SeriesKind Kind { get; }

    public string Symbol { get; }

    public int TimeframeSeconds { get; }

    public string WriterLockPath => System.IO.Path.Combine(Path, WriterLockName);

    public static SeriesDirectory ForTicks(string root, string symbol) =>
        new(System.IO.Path.Combine(root, "ticks", CheckedSymbol(symbol)), ".ticks", SeriesKind.Ticks, symbol, 0);

    public static SeriesDirectory ForCandles(string root, string symbol, Timeframe timeframe)
    {
        if (!timeframe.IsDefinedTimeframe())
        {
            throw new ArgumentOutOfRangeException(nameof(timeframe), timeframe, "not a known timeframe");
        }

        return new SeriesDirectory(
            System.IO.Path.Combine(root, "candles", CheckedSymbol(symbol), timeframe.ToString()),
            ".candles",
            SeriesKind.Candles,
            symbol,
            (int)timeframe);
    }

    public string FileFor(long monthStartMs)
    {
        DateOnly month = UtcTime.ToDate(monthStartMs);
        return System.IO.Path.Combine(
            Path, string.Create(CultureInfo.InvariantCulture, $"{month.Year:0000}-{month.Month:00}{Extension}"));
    }

    public SeriesFileHeader HeaderFor(long monthStartMs, int recordSize) =>
        new(Kind, recordSize, TimeframeSeconds, monthStartMs, Symbol);

    /// <summary>The month files present, oldest first, as (month start, path).</summary>
    public IReadOnlyList<(long MonthStartMs, string Path)> MonthFiles()
    {
        if (!Directory.Exists(Path))
        {
            return [];
        }

        var months = new List<(long, string)>();
        foreach (string file in Directory.EnumerateFiles(Path, "*" + Extension))
        {
            string name = System.IO.Path.GetFileNameWithoutExtension(file);
            if (DateOnly.TryParseExact(name, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly month))
            {
                months.Add((UtcTime.FromDate(month), file));
            }
        }

        months.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return months;
    }

    /// <summary>
    /// Symbols become folder names, so only letters, digits, '.', '_' and '-' are allowed, and at most 32 of them
    /// (they also go into the file header).
    /// </summary>
    public static string CheckedSymbol(string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        if (symbol.Length > SeriesFileHeader.MaxSymbolBytes
            || symbol is "." or ".."
            || !symbol.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ArgumentException(
                $"symbol '{symbol}' must be 1-32 characters of letters, digits, '.', '_' or '-'", nameof(symbol));
        }

        return symbol;
    }
}
