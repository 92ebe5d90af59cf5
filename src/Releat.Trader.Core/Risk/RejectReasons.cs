namespace Releat.Trader.Core.Risk;

/// <summary>Why a signal was not acted on; the metric label and the journal's reason.</summary>
public static class RejectReasons
{
    public const string UnknownAgent = "unknown_agent";
    public const string SymbolMismatch = "symbol_mismatch";
    public const string NoMarketTime = "no_market_time";
    public const string Stale = "stale";
    public const string Paused = "paused";
    public const string KillSwitch = "kill_switch";
    public const string DailyLossLimit = "daily_loss_limit";
    public const string PositionMismatch = "position_mismatch";
    public const string UnknownAction = "unknown_action";
    public const string OppositePosition = "opposite_position";
    public const string NothingToClose = "nothing_to_close";
    public const string MaxPosition = "max_position";
    public const string MaxSymbolLots = "max_symbol_lots";
    public const string MaxTotalLots = "max_total_lots";
    public const string SizeBelowMinimum = "size_below_minimum";
    public const string OperatingRules = "operating_rules";
    public const string OrderRejected = "order_rejected";
}
