using System.Globalization;
using Releat.MarketData.Calendar;

namespace Releat.MarketData.Model;

/// <summary>
/// The JSON shape of a symbol spec (symbols.json). Kept apart from <see cref="SymbolSpec"/> so the file can leave
/// fields out and every problem can be reported with the file, symbol and field it is about.
/// </summary>
internal sealed class SymbolSpecDocument
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public int? Digits { get; set; }

    public double? PipSize { get; set; }

    public double? ContractSize { get; set; }

    public string? BaseCurrency { get; set; }

    public string? QuoteCurrency { get; set; }

    public string? ProfitCurrency { get; set; }

    public string? MarginCurrency { get; set; }

    public double? CommissionPerLot { get; set; }

    public double? MarginPerLot { get; set; }

    public double? Leverage { get; set; }

    public double? SwapLongPoints { get; set; }

    public double? SwapShortPoints { get; set; }

    public string? TripleSwapDay { get; set; }

    public double? VolumeMin { get; set; }

    public double? VolumeMax { get; set; }

    public double? VolumeStep { get; set; }

    public int? StopsLevelPoints { get; set; }

    public string? RolloverTime { get; set; }

    public Dictionary<string, List<string>>? Sessions { get; set; }

    public SymbolSpec ToSpec(string source, int index)
    {
        string name = Name ?? throw Problem(source, $"#{index}", nameof(Name), "is missing");
        var spec = new SymbolSpec
        {
            Name = name,
            Description = Description ?? "",
            Digits = Digits ?? throw Problem(source, name, nameof(Digits), "is missing"),
            PipSize = PipSize ?? throw Problem(source, name, nameof(PipSize), "is missing"),
            BaseCurrency = BaseCurrency ?? throw Problem(source, name, nameof(BaseCurrency), "is missing"),
            QuoteCurrency = QuoteCurrency ?? throw Problem(source, name, nameof(QuoteCurrency), "is missing"),
            ContractSize = ContractSize ?? 100_000,
            CommissionPerLot = CommissionPerLot ?? 0,
            MarginPerLot = MarginPerLot ?? 0,
            Leverage = Leverage ?? 100,
            SwapLongPoints = SwapLongPoints ?? 0,
            SwapShortPoints = SwapShortPoints ?? 0,
            TripleSwapDay = ParseDay(TripleSwapDay ?? "Wednesday", source, name, nameof(TripleSwapDay)),
            VolumeMin = VolumeMin ?? 0.01,
            VolumeMax = VolumeMax ?? 100,
            VolumeStep = VolumeStep ?? 0.01,
            StopsLevelPoints = StopsLevelPoints ?? 0,
            RolloverTime = ParseTime(RolloverTime ?? "22:00", source, name),
            Sessions = Sessions is null ? WeeklySessions.Forex : ParseSessions(Sessions, source, name),
        };
        if (ProfitCurrency is not null)
        {
            spec = spec with { ProfitCurrency = ProfitCurrency };
        }

        if (MarginCurrency is not null)
        {
            spec = spec with { MarginCurrency = MarginCurrency };
        }

        try
        {
            spec.Validate();
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException($"{source}: {e.Message}", e);
        }

        return spec;
    }

    private static WeeklySessions ParseSessions(Dictionary<string, List<string>> sessions, string source, string name)
    {
        var windows = new Dictionary<DayOfWeek, IReadOnlyList<SessionWindow>>();
        foreach ((string day, List<string> texts) in sessions)
        {
            try
            {
                windows[ParseDay(day, source, name, nameof(Sessions))] = texts.ConvertAll(SessionWindow.Parse);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                throw Problem(source, name, $"{nameof(Sessions)}.{day}", e.Message);
            }
        }

        return new WeeklySessions(windows);
    }

    private static DayOfWeek ParseDay(string text, string source, string name, string field) =>
        Enum.TryParse(text, ignoreCase: true, out DayOfWeek day) && Enum.IsDefined(day)
            ? day
            : throw Problem(source, name, field, $"'{text}' is not a weekday");

    private static TimeOnly ParseTime(string text, string source, string name) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly time)
            ? time
            : throw Problem(source, name, nameof(RolloverTime), $"'{text}' is not HH:mm");

    private static FormatException Problem(string source, string symbol, string field, string problem) =>
        new($"{source}: symbol {symbol}: {field} {problem}");
}
