using Grpc.Core;

namespace Releat.Contracts.Channels;

/// <summary>
/// How unary calls survive a flaky server: exponential backoff with jitter, retried only on UNAVAILABLE and only for
/// methods declared idempotent (a retried trade order must not be placed twice); a per-attempt timeout; and a
/// circuit breaker that fails calls fast with UNAVAILABLE while the server keeps failing. Streaming calls are not
/// retried.
/// </summary>
public sealed class GrpcResilienceOptions
{
    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Delay before the first retry; doubles for each next one.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Seed of the jitter applied to the backoff, so a run's retry schedule can be replayed.</summary>
    public int JitterSeed { get; set; } = 1;

    /// <summary>Full method paths ("/pkg.Service/Method") that may be retried.</summary>
    public ISet<string> IdempotentMethods { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Alternative to the set: decides per method whether it may be retried.</summary>
    public Func<IMethod, bool>? IsIdempotent { get; set; }

    /// <summary>Limit for one attempt; an attempt that runs longer fails with DEADLINE_EXCEEDED. Null: none.</summary>
    public TimeSpan? AttemptTimeout { get; set; }

    /// <summary>
    /// Whether an open circuit is retried like UNAVAILABLE (idempotent methods, after the backoff) instead of failing
    /// the call at once: the breaker then spares a failing server without failing callers that can wait.
    /// </summary>
    public bool RetryWhileCircuitOpen { get; set; }

    /// <summary>Whether the circuit breaker is on.</summary>
    public bool UseCircuitBreaker { get; set; } = true;

    /// <summary>Share of failed attempts (UNAVAILABLE or DEADLINE_EXCEEDED) within the sampling window that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Attempts needed in the window before the ratio is judged.</summary>
    public int MinimumThroughput { get; set; } = 10;

    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the circuit stays open before one trial call is let through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock Polly uses for delays and the breaker's windows; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal bool MayRetry(IMethod method) =>
        method.Type == MethodType.Unary && (IdempotentMethods.Contains(method.FullName) || (IsIdempotent?.Invoke(method) ?? false));
}
