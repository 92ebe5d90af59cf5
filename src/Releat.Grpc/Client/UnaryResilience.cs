using Grpc.Core;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Releat.Grpc.Client;

/// <summary>
/// The channel's Polly pipeline for unary calls, outermost first: retry (UNAVAILABLE on idempotent methods only),
/// circuit breaker (counts UNAVAILABLE and timeouts), per-attempt timeout. Polly's own exceptions leave as
/// RpcExceptions: an open circuit is UNAVAILABLE, an attempt timeout DEADLINE_EXCEEDED.
/// </summary>
internal sealed class UnaryResilience
{
    private static readonly ResiliencePropertyKey<bool> MayRetryKey = new("releat.grpc.may-retry");

    private readonly GrpcResilienceOptions _options;
    private readonly ResiliencePipeline _pipeline;

    public UnaryResilience(GrpcResilienceOptions options)
    {
        _options = options;
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
                    args.Outcome.Exception is RpcException { StatusCode: StatusCode.Unavailable } &&
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

        _pipeline = builder.Build();
    }

    public AsyncUnaryCall<TResponse> StartUnary<TRequest, TResponse>(
        GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options, TRequest request)
        where TRequest : class
        where TResponse : class
    {
        var call = new ResilientUnaryCall<TRequest, TResponse>(channel, method, options, request);
        var response = RunAsync(call, method, options.CancellationToken);
        return new AsyncUnaryCall<TResponse>(response, call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private async Task<TResponse> RunAsync<TRequest, TResponse>(
        ResilientUnaryCall<TRequest, TResponse> call, Method<TRequest, TResponse> method, CancellationToken cancellationToken)
        where TRequest : class
        where TResponse : class
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(MayRetryKey, _options.MayRetry(method));
        try
        {
            return await _pipeline.ExecuteAsync(
                static (ctx, state) => state.AttemptAsync(ctx.CancellationToken), context, call).ConfigureAwait(false);
        }
        catch (BrokenCircuitException ex)
        {
            throw call.Settle(new Status(StatusCode.Unavailable, $"Circuit breaker is open for '{method.FullName}'; failing fast.", ex));
        }
        catch (TimeoutRejectedException ex)
        {
            throw call.Settle(new Status(StatusCode.DeadlineExceeded, $"Attempt timed out after {ex.Timeout.TotalMilliseconds:0} ms.", ex));
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            // Cancelled while waiting between attempts.
            throw call.Settle(new Status(StatusCode.Cancelled, "Call canceled by the client.", ex));
        }
        catch (RpcException ex)
        {
            call.Settle(ex.Status);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
