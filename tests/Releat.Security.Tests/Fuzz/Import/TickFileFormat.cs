using System.Globalization;
using Releat.MarketData.Import;
using Releat.MarketData.Model;
using Releat.MarketData.Storage;

namespace Releat.Security.Tests.Fuzz.Import;

/// <summary>A tick file layout: how a row's fields are laid out and which importer reads it.</summary>
public abstract class TickFileFormat
{
    public abstract string Name { get; }

    public abstract string Header { get; }

    public abstract char Separator { get; }

    public abstract int BidField { get; }

    public abstract int AskField { get; }

    public abstract int VolumeField { get; }

    /// <summary>Which field a bad date replaces, and the values to put there.</summary>
    public abstract (int Field, string[] Values) BadDates { get; }

    /// <summary>The row kinds this format is fuzzed with.</summary>
    public abstract IReadOnlyList<RowKind> Kinds { get; }

    public abstract string[] Fields(long timeMs, string bid, string ask);

    public abstract ImportReport Import(string path, TickWriter writer, ImportOptions options, CancellationToken cancellation);

    protected static string Time(long timeMs, string layout) =>
        DateTime.UnixEpoch.AddMilliseconds(timeMs).ToString(layout, CultureInfo.InvariantCulture);
}

/// <summary>MT5's tick export: tab-separated DATE, TIME, BID, ASK, LAST, VOLUME, FLAGS.</summary>
public sealed class Mt5TickFileFormat : TickFileFormat
{
    public override string Name => "MT5 ticks";

    public override string Header => "<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>";

    public override char Separator => '\t';

    public override int BidField => 2;

    public override int AskField => 3;

    public override int VolumeField => 5;

    public override (int Field, string[] Values) BadDates => (0, ["2024.13.01", "2024.00.10", "2024.02.30", "2024/03/01", "24.03.01", "abcd.ef.gh"]);

    /// <summary>Every kind; for ticks InconsistentPrices means an ask below the bid.</summary>
    public override IReadOnlyList<RowKind> Kinds { get; } = [.. Enum.GetValues<RowKind>().Where(k => k is not RowKind.Good)];

    public override string[] Fields(long timeMs, string bid, string ask) =>
        [Time(timeMs, "yyyy.MM.dd"), Time(timeMs, "HH:mm:ss.fff"), bid, ask, "", "", "6"];

    public override ImportReport Import(string path, TickWriter writer, ImportOptions options, CancellationToken cancellation) =>
        new Mt5TickImporter(options).Import(path, writer, cancellationToken: cancellation);
}

/// <summary>A generic CSV with a header "Time,Bid,Ask,Volume", read through a <see cref="CsvTickMapping"/>.</summary>
public sealed class CsvTickFileFormat : TickFileFormat
{
    private static readonly CsvTickMapping Mapping = new()
    {
        Time = CsvColumn.Named("Time"),
        TimeFormat = "yyyy-MM-dd HH:mm:ss.fff",
        Bid = CsvColumn.Named("Bid"),
        Ask = CsvColumn.Named("Ask"),
        Volume = CsvColumn.Named("Volume"),
    };

    public override string Name => "CSV ticks";

    public override string Header => "Time,Bid,Ask,Volume";

    public override char Separator => ',';

    public override int BidField => 1;

    public override int AskField => 2;

    public override int VolumeField => 3;

    public override (int Field, string[] Values) BadDates =>
        (0, ["2024-13-01 10:00:00.000", "2024-03-32 10:00:00.000", "2024-03-01T10:00:00.000", "2024-03-01 25:00:00.000", "yesterday"]);

    /// <summary>Every kind; for ticks InconsistentPrices means an ask below the bid.</summary>
    public override IReadOnlyList<RowKind> Kinds { get; } = [.. Enum.GetValues<RowKind>().Where(k => k is not RowKind.Good)];

    public override string[] Fields(long timeMs, string bid, string ask) => [Time(timeMs, "yyyy-MM-dd HH:mm:ss.fff"), bid, ask, "0"];

    public override ImportReport Import(string path, TickWriter writer, ImportOptions options, CancellationToken cancellation) =>
        new CsvTickImporter(Mapping, SymbolCatalog.Defaults["EURUSD"], options).Import(path, writer, cancellationToken: cancellation);
}
