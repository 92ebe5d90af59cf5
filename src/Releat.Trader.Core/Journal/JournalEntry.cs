namespace Releat.Trader.Core.Journal;

/// <summary>
/// One line of the trade journal (JSON, snake_case names, absent fields left out). Kinds:
/// <c>intent</c> (an order decided, before it is sent), <c>result</c> (the gateway's answer, with the intent's fields
/// repeated so the line stands alone), <c>done</c> (a batch finished: a signal acted on, held or rejected, or a
/// flatten), <c>reconcile</c> (the broker disagreed with the book), <c>day</c> (a UTC day started: equity and each
/// agent's floating P&amp;L baseline), <c>pause</c>, <c>resume</c>, <c>kill</c>, <c>kill_released</c>, <c>agent_paused</c>.
/// </summary>
public sealed record JournalEntry
{
    public required string Kind { get; init; }

    /// <summary>The machine's UTC time when written, for people reading the file.</summary>
    public DateTime? Wall { get; init; }

    /// <summary>Market time (latest tick, UTC ms) when written.</summary>
    public long? MarketMs { get; init; }

    /// <summary>Orders decided together: "sig:&lt;agent&gt;:&lt;decision ms&gt;" for a signal, "flat:...", "kill:...", "loss:...", "rule:..." otherwise.</summary>
    public string? Batch { get; init; }

    public string? Agent { get; init; }

    public string? Symbol { get; init; }

    public string? ClientOrderId { get; init; }

    /// <summary>"open" or "close".</summary>
    public string? Order { get; init; }

    /// <summary>Side of the position opened or closed: 1 long, -1 short.</summary>
    public int? Side { get; init; }

    public double? Lots { get; init; }

    public int? Units { get; init; }

    public long? PositionId { get; init; }

    public int? Leg { get; init; }

    public string? State { get; init; }

    public int? Retcode { get; init; }

    public string? Message { get; init; }

    public long? OrderId { get; init; }

    public double? FilledVolume { get; init; }

    public double? FillPrice { get; init; }

    public long? FillTimeMs { get; init; }

    public long? FillPositionId { get; init; }

    public double? Profit { get; init; }

    public double? Commission { get; init; }

    /// <summary>For done: acted, held or rejected.</summary>
    public string? Outcome { get; init; }

    public string? Reason { get; init; }

    /// <summary>The bus entry id the signal came with.</summary>
    public string? Entry { get; init; }

    public long? DecisionMs { get; init; }

    public string? Action { get; init; }

    /// <summary>The decision's correlation id (the tick that closed it), carried to the gateway with its orders.</summary>
    public string? Correlation { get; init; }

    /// <summary>UTC day index (days since 1970-01-01).</summary>
    public long? Day { get; init; }

    public double? Equity { get; init; }

    /// <summary>Per agent: floating P&amp;L at the start of the day.</summary>
    public Dictionary<string, double>? Baselines { get; init; }
}
