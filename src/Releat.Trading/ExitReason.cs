namespace Releat.Trading;

/// <summary>Why a position was closed: the agent chose to, or a rule forced it.</summary>
public enum ExitReason
{
    None,

    /// <summary>The policy chose a close action.</summary>
    Agent,

    /// <summary>The price reached the stop (environment.stop_pips against the position).</summary>
    Stop,

    /// <summary>Held for environment.max_hold.</summary>
    MaxHold,

    /// <summary>Within environment.close_before_weekend of the market's weekly (or holiday) close.</summary>
    Weekend,

    /// <summary>Within environment.close_before_session_end of the end of the trading session.</summary>
    SessionEnd,

    /// <summary>The last decision of the episode or of the data.</summary>
    EndOfData,
}
