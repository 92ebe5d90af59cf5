using System.Globalization;
using Releat.MarketData.Import;
using Releat.MarketData.Storage;

namespace Releat.Security.Tests.Fuzz.Import;

/// <summary>A candle file layout: field positions, bad dates, and the importer that reads it.</summary>
public abstract class CandleFileFormat
{
    public abstract string Name { get; }

    public abstract string Header { get; }

    public abstract char Separator { get; }

    /// <summary>Index of the open; high, low and close follow it.</summary>
    public abstract int OpenField { get; }

    /// <summary>The field a negative volume goes into.</summary>
    public abstract int VolumeField { get; }

    public abstract (int Field, string[] Values) BadDates { get; }

    public IReadOnlyList<RowKind> Kinds { get; } = [.. Enum.GetValues<RowKind>().Where(k => k is not RowKind.Good)];

    /// <summary>The row's fields; <paramref name="variant"/> picks among equivalent layouts (MT5's HH:mm or HH:mm:ss).</summary>
    public abstract string[] Fields(long timeMs, string open, string high, string low, string close, int variant);

    public abstract ImportReport Import(string path, CandleWriter writer, ImportOptions options, CancellationToken cancellation);

    protected static string Time(long timeMs, string layout) =>
        DateTime.UnixEpoch.AddMilliseconds(timeMs).ToString(layout, CultureInfo.InvariantCulture);
}

/// <summary>MT5's candle export: tab-separated DATE, TIME, OPEN, HIGH, LOW, CLOSE, TICKVOL, VOL, SPREAD.</summary>
public sealed class Mt5CandleFileFormat : CandleFileFormat
{
    public override string Name => "MT5 candles";

    public override string Header => "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>";

    public override char Separator => '\t';

    public override int OpenField => 2;

    public override int VolumeField => 6;

    public override (int Field, string[] Values) BadDates => (1, ["25:00:00", "12:60", "12:30:61", "xx:yy", "12-30-00", ""]);

    public override string[] Fields(long timeMs, string open, string high, string low, string close, int variant) =>
        [Time(timeMs, "yyyy.MM.dd"), Time(timeMs, variant % 2 == 0 ? "HH:mm:ss" : "HH:mm"), open, high, low, close,
         (variant % 500).ToString(CultureInfo.InvariantCulture), "0", (variant % 30).ToString(CultureInfo.InvariantCulture)];

    public override ImportReport Import(string path, CandleWriter writer, ImportOptions options, CancellationToken cancellation) =>
        new Mt5CandleImporter(options).Import(path, writer, cancellationToken: cancellation);
}

/// <summary>Dukascopy's candle CSV: Time (dd.MM.yyyy HH:mm:ss.fff), Open, High, Low, Close, Volume.</summary>
public sealed class DukascopyCandleFileFormat : CandleFileFormat
{
    public override string Name => "Dukascopy candles";

    public override string Header => "Gmt time,Open,High,Low,Close,Volume";

    public override char Separator => ',';

    public override int OpenField => 1;

    public override int VolumeField => 5;

    public override (int Field, string[] Values) BadDates =>
        (0, ["32.03.2024 10:00:00.000", "01.13.2024 10:00:00.000", "2024.03.01 10:00:00.000", "01.03.2024 10:00:00", "01.03.2024 24:00:00.000"]);

    public override string[] Fields(long timeMs, string open, string high, string low, string close, int variant) =>
        [Time(timeMs, "dd.MM.yyyy HH:mm:ss.fff"), open, high, low, close, ((variant % 10_000) / 100.0).ToString("0.00", CultureInfo.InvariantCulture)];

    public override ImportReport Import(string path, CandleWriter writer, ImportOptions options, CancellationToken cancellation) =>
        new DukascopyCandleImporter(options).Import(path, writer, cancellationToken: cancellation);
}
