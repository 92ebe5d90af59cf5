using Releat.Contracts.V1;

namespace Releat.SignalBus.InMemory;

/// <summary>
/// The bus inside one process (embedded mode, tests, benchmarks), with the Redis bus's semantics: bounded streams
/// per agent, the latest per agent, consumer groups whose unacknowledged deliveries stay pending with their consumer
/// and are re-delivered to it when it comes back, or claimed by another consumer once idle long enough.
/// </summary>
public sealed class InMemorySignalBus : ISignalBus
{
    private readonly Dictionary<string, AgentStream> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TraderHolding> _holdings = new(StringComparer.Ordinal);
    private readonly int _maxLength;
    private TaskCompletionSource _published = NewPulse();
    private long _lastSequence;

    public InMemorySignalBus(int maxLength = 10_000, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxLength);
        _maxLength = maxLength;
        Time = time ?? TimeProvider.System;
    }

    internal object Gate { get; } = new();

    internal TimeProvider Time { get; }

    public Task<string> PublishAsync(Signal signal, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (string.IsNullOrEmpty(signal.AgentId))
        {
            throw new ArgumentException("Signal.agent_id: must not be empty to publish", nameof(signal));
        }

        TaskCompletionSource pulse;
        long sequence;
        lock (Gate)
        {
            sequence = ++_lastSequence;
            StreamOf(signal.AgentId).Append(sequence, signal.Clone(), _maxLength);
            pulse = _published;
            _published = NewPulse();
        }

        // Wake waiting consumers outside the lock; their continuations run asynchronously.
        pulse.TrySetResult();
        return Task.FromResult(EntryIds.Format(sequence));
    }

    public Task<Signal?> ReadLatestAsync(string agentId, CancellationToken cancellation = default)
    {
        lock (Gate)
        {
            return Task.FromResult(_streams.TryGetValue(agentId, out var stream) ? stream.Latest?.Clone() : null);
        }
    }

    public Task PostHoldingAsync(TraderHolding holding, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(holding);
        if (string.IsNullOrEmpty(holding.AgentId))
        {
            throw new ArgumentException("TraderHolding.agent_id: must not be empty to post", nameof(holding));
        }

        lock (Gate)
        {
            _holdings[holding.AgentId] = holding.Clone();
        }

        return Task.CompletedTask;
    }

    public Task<TraderHolding?> ReadHoldingAsync(string agentId, CancellationToken cancellation = default)
    {
        lock (Gate)
        {
            return Task.FromResult(_holdings.TryGetValue(agentId, out var holding) ? holding.Clone() : null);
        }
    }

    public ISignalConsumer OpenConsumer(SignalSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        subscription.Validate();
        lock (Gate)
        {
            foreach (var agent in subscription.AgentIds)
            {
                StreamOf(agent).GroupOf(subscription.Group);
            }
        }

        return new InMemorySignalConsumer(this, subscription);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Completes when the next signal is published. Call under <see cref="Gate"/>.</summary>
    internal Task NextPublication => _published.Task;

    /// <summary>The agent's stream, created empty on first use. Call under <see cref="Gate"/>.</summary>
    internal AgentStream StreamOf(string agentId)
    {
        if (!_streams.TryGetValue(agentId, out var stream))
        {
            stream = new AgentStream();
            _streams.Add(agentId, stream);
        }

        return stream;
    }

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
