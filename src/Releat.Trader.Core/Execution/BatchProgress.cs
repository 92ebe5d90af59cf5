using Releat.Trader.Core.Engine;
using Releat.Trader.Core.Journal;
using Releat.Trader.Core.Orders;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Execution;

/// <summary>The orders decided together under one batch key, the answers received so far, and whether the batch is done.</summary>
internal sealed class BatchProgress(string key)
{
    public string Key { get; } = key;

    public List<OrderIntent> Intents { get; } = [];

    public Dictionary<string, V1.OrderResult> Results { get; } = new(StringComparer.Ordinal);

    public bool Done { get; set; }

    /// <summary>The signal's correlation id, sent with every order of the batch; empty for the trader's own batches.</summary>
    public string CorrelationId { get; set; } = "";

    /// <summary>The live-path timing of the signal the batch acts on; null for the trader's own batches and resumed ones.</summary>
    public SignalTiming? Timing { get; set; }

    /// <summary>The signal the batch acts on (agent, decision time, bus entry, action), repeated on its done line; null for other batches.</summary>
    public JournalEntry? Signal { get; set; }

    /// <summary>A final answer (filled or rejected) was recorded for the order; a submitted one is asked again.</summary>
    public bool IsSettled(OrderIntent intent) =>
        Results.TryGetValue(intent.ClientOrderId, out var result) && result.State is V1.OrderState.Filled or V1.OrderState.Rejected;
}
