using Microsoft.Extensions.Logging;

namespace Releat.Trader.Core.Engine;

/// <summary>The trader's log messages, source-generated (no boxing or formatting unless the level is on).</summary>
internal static partial class TraderLog
{
    /// <summary>The decision's correlation id as the structured field CorrelationId on every line logged inside.</summary>
    public static readonly Func<ILogger, string, IDisposable?> CorrelationScope =
        LoggerMessage.DefineScope<string>("Correlation {CorrelationId}");

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {ClientOrderId} of {AgentId}: {State}, {FilledLots} lots at {FillPrice}")]
    public static partial void OrderAnswered(this ILogger logger, string clientOrderId, string agentId, Releat.Contracts.V1.OrderState state, double filledLots, double fillPrice);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {ClientOrderId} rejected: {Retcode} {Reason}")]
    public static partial void OrderRejected(this ILogger logger, string clientOrderId, int retcode, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciliation, agent {AgentId}: {Difference}")]
    public static partial void Reconciled(this ILogger logger, string agentId, string difference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trading paused: {Reason}")]
    public static partial void Paused(this ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trading resumed")]
    public static partial void Resumed(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Kill switch engaged: {Reason}")]
    public static partial void KillSwitchEngaged(this ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} stopped for the day: daily P&L {Pnl} beyond its limit {Limit}")]
    public static partial void AgentStoppedForDay(this ILogger logger, string agentId, double pnl, double limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing agent {AgentId}'s position: {Reason}")]
    public static partial void ForcedClose(this ILogger logger, string agentId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal {Path}: ignored a torn last line of {Length} characters (a crash while writing it)")]
    public static partial void LogTornJournalLine(this ILogger logger, string path, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for {What}: {Problem}; next try in {Backoff}")]
    public static partial void LoopWaiting(this ILogger logger, string what, string problem, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "Skipped an unreadable bus entry: {Problem}")]
    public static partial void LoopSkipped(this ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Finishing batch {Batch}, left incomplete by the previous run")]
    public static partial void FinishingBatch(this ILogger logger, string batch);
}
