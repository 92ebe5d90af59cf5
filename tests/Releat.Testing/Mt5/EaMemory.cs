using System.Collections.Concurrent;

namespace Releat.Testing.Mt5;

/// <summary>
/// The EA's journal of client order ids (ReleatBridge.mq5 keeps it in the terminal's files folder, so it survives a
/// restart): started (OrderSend under way), unknown (OrderSend said something that is not an answer) or the result
/// line it answered with. Share one instance between two <see cref="SimulatedTerminal"/>s to play a restart.
/// </summary>
public sealed class EaMemory
{
    private readonly ConcurrentDictionary<string, EaMemoryEntry> _entries = new(StringComparer.Ordinal);

    public EaMemoryEntry? Get(string clientOrderId) => _entries.GetValueOrDefault(clientOrderId);

    public void Set(string clientOrderId, EaMemoryEntry entry) => _entries[clientOrderId] = entry;

    public void Forget(string clientOrderId) => _entries.TryRemove(clientOrderId, out _);
}

/// <summary>One journal line: the state, the retcode OrderSend gave, its order ticket, and the answer once known.</summary>
public sealed record EaMemoryEntry(char State, int Retcode, long Order, long Magic, EaResult? Answer)
{
    public const char Started = 'S';
    public const char Unknown = 'U';
    public const char Filled = 'F';
}

/// <summary>The fields of a RESULT after request_id and client_order_id.</summary>
public sealed record EaResult(
    int Retcode, long Order, long Deal, double Volume, double Price, long TimeMs, long PositionId, double Profit,
    double Commission, double Swap, string Comment);
