using Releat.Contracts.V1;

namespace Releat.SignalBus;

/// <summary>
/// A signal as a consumer received it: the agent stream it came from, its entry id there (Redis stream id form,
/// "milliseconds-sequence"), and whether it had been delivered before (a restart or a claim from a dead consumer).
/// </summary>
public sealed record SignalDelivery(string AgentId, string EntryId, Signal Signal, bool Redelivered);
