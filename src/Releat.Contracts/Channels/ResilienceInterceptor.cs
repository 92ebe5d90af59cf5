using Grpc.Core;
using Grpc.Core.Interceptors;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Releat.Contracts.Channels;

/// <summary>
/// A Polly pipeline around unary calls, outermost first: retry with jittered exponential backoff (UNAVAILABLE on
/// idempotent methods only), circuit breaker (counts UNAVAILABLE and timeouts), per-attempt timeout. Polly's own
/// exceptions leave as RpcExceptions: an open circuit is UNAVAILABLE, an attempt timeout DEADLINE_EXCEEDED. Any
/// other status (RESOURCE_EXHAUSTED from a rate limit, PERMISSION_DENIED...) is never retried. Grpc.Net.Client's
/// own retry policy (service config) has no attempt timeout or breaker, hence Polly.
/// </summary>
public sealed class ResilienceInterceptor : Interceptor
{
    private static readonly ResiliencePropertyKey<bool> MayRetryKey = new("releat.grpc.may-retry");

    private readonly GrpcResilienceOptions _options;
    private readonly ResiliencePipeline _pipeline;

    public ResilienceInterceptor(GrpcResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _pipeline = Build(options);
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var attempts = new UnaryAttempts<TRequest, TResponse>(request, context, continuation);
        var response = RunAsync(attempts, context.Method, context.Options.CancellationToken);
        return new AsyncUnaryCall<TResponse>(response, attempts.ResponseHeadersAsync, attempts.GetStatus, attempts.GetTrailers, attempts.Dispose);
    }

    private static ResiliencePipeline Build(GrpcResilienceOptions options)
    {
        var jitter = new Random(options.JitterSeed);
        var builder = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Randomizer = () =>
                {
                    lock (jitter)
                    {
                        return jitter.NextDouble();
                    }
                },
                ShouldHandle = args => ValueTask.FromResult(
                    (args.Outcome.Exception is RpcException { StatusCode: StatusCode.Unavailable }
                        || (options.RetryWhileCircuitOpen && args.Outcome.Exception is BrokenCircuitException)) &&
                    args.Context.Properties.GetValue(MayRetryKey, false)),
            });
        }

        if (options.UseCircuitBreaker)
        {
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.FailureRatio,
                MinimumThroughput = options.MinimumThroughput,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is
                    RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded } or TimeoutRejectedException),
            });
        }

        if (options.AttemptTimeout is { } attemptTimeout)
        {
            builder.AddTimeout(attemptTimeout);
        }

        return builder.Build();
    }

    private async Task<TResponse> RunAsync<TRequest, TResponse>(
        UnaryAttempts<TRequest, TResponse> attempts, Method<TRequest, TResponse> method, CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(MayRetryKey, _options.MayRetry(method));
        try
        {
            return await _pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<TResponse>(state.AttemptAsync(ctx.CancellationToken)), context, attempts).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw attempts.Settle(new Status(StatusCode.Unavailable, $"Circuit breaker is open for '{method.FullName}'; failing fast.", ex));
        }
        catch (TimeoutRejectedException ex)
        {
            throw attempts.Settle(new Status(StatusCode.DeadlineExceeded, $"Attempt timed out after {ex.Timeout.TotalMilliseconds:0} ms.", ex));
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled by the caller, in an attempt or while waiting between attempts.
            throw attempts.Settle(new Status(StatusCode.Cancelled, "Call canceled by the client.", ex));
        }
        catch (RpcException ex)
        {
            attempts.Settle(ex.Status);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
