namespace Releat.SignalBus.Redis;

/// <summary>One stream entry as a read returned it; no payload when the entry was trimmed away while still pending.</summary>
internal readonly record struct StreamEntry(string Key, string Id, byte[]? Payload);
