using System.CommandLine;
using System.Globalization;
using Releat.MarketData.Import;

namespace Releat.Cli.Commands;

/// <summary>The flags that map a generic CSV's columns to ticks. A column is a header name or a 0-based index.</summary>
internal sealed class CsvOptions
{
    public Option<string?> TimeColumn { get; } = new("--time-column") { Description = "Column with the time (or the time of day, with --date-column)." };

    public Option<string?> TimeFormat { get; } = new("--time-format") { Description = "Layout of the time, e.g. \"yyyy-MM-dd HH:mm:ss.fff\", unix-ms or unix-s." };

    public Option<string?> DateColumn { get; } = new("--date-column") { Description = "Column with the date when it is apart from the time." };

    public Option<string?> PriceColumn { get; } = new("--price-column") { Description = "A single price column, read as the bid." };

    public Option<string?> BidColumn { get; } = new("--bid-column") { Description = "Bid column (with --ask-column)." };

    public Option<string?> AskColumn { get; } = new("--ask-column") { Description = "Ask column (with --bid-column)." };

    public Option<string?> SpreadColumn { get; } = new("--spread-column") { Description = "Spread in points, added to --price-column to make the ask." };

    public Option<double> DefaultSpread { get; } = new("--default-spread") { Description = "Spread in points when there is no spread column." };

    public Option<string?> VolumeColumn { get; } = new("--volume-column") { Description = "Volume column." };

    public Option<string> Separator { get; } = new("--separator") { Description = "Field separator: a character, or 'tab'.", DefaultValueFactory = _ => "," };

    public Option<bool> NoHeader { get; } = new("--no-header") { Description = "The file has no header line (columns by index only)." };

    public CsvTickMapping ToMapping(ParseResult parse)
    {
        var time = Column(parse, TimeColumn) ?? throw new ArgumentException("--time-column is required for --format csv");
        var format = parse.GetValue(TimeFormat) ?? throw new ArgumentException("--time-format is required for --format csv");
        var separator = parse.GetValue(Separator) switch
        {
            "tab" or "\\t" => '\t',
            { Length: 1 } one => one[0],
            var other => throw new ArgumentException($"--separator must be one character or 'tab', got '{other}'"),
        };
        if ((parse.GetValue(PriceColumn) is null) == (parse.GetValue(BidColumn) is null || parse.GetValue(AskColumn) is null))
        {
            throw new ArgumentException("--format csv needs --price-column, or --bid-column and --ask-column (not both)");
        }

        var mapping = new CsvTickMapping
        {
            Separator = separator,
            HasHeader = !parse.GetValue(NoHeader),
            Time = time,
            TimeFormat = format,
            Date = Column(parse, DateColumn),
            Price = Column(parse, PriceColumn),
            Bid = Column(parse, BidColumn),
            Ask = Column(parse, AskColumn),
            SpreadPoints = Column(parse, SpreadColumn),
            DefaultSpreadPoints = parse.GetValue(DefaultSpread),
            Volume = Column(parse, VolumeColumn),
        };
        mapping.Validate();
        return mapping;
    }

    private static CsvColumn? Column(ParseResult parse, Option<string?> option) => parse.GetValue(option) switch
    {
        null or "" => null,
        var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) => CsvColumn.At(index),
        var text => CsvColumn.Named(text),
    };
}
