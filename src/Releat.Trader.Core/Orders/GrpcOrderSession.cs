using Grpc.Core;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Orders;

/// <summary>
/// The trader's orders on one long-lived Trading.OrderSession call: no new HTTP/2 stream, headers and admission per
/// order on the way from tick to order. One order is in flight at a time (the engine sends them one after another),
/// answered by the result for its client order id. Anything else (the call ended or failed, no answer within the
/// attempt timeout, an answer for another id) ends the session and the order goes as a unary call instead, which has
/// the retries and the status mapping; the gateway answers a client order id it has seen with the first result, so
/// an order the session did deliver is not placed twice. An order the gateway refuses (over the order rate, not
/// allowed, malformed) is answered as rejected and not sent again. A gateway without the method (UNIMPLEMENTED) is remembered
/// and gets unary calls only. The next order opens a new session.
/// </summary>
internal sealed class GrpcOrderSession(V1.Trading.TradingClient trading, TimeSpan answerTimeout, string address) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AsyncDuplexStreamingCall<V1.OrderCommand, V1.OrderResult>? _call;
    private volatile bool _unsupported;

    /// <summary>Sessions opened so far (the first, and one after each that ended).</summary>
    public int Opened { get; private set; }

    /// <summary>The gateway's answer, or null when the order must go as a unary call.</summary>
    public async Task<V1.OrderResult?> TrySendAsync(V1.OrderCommand command, string clientOrderId, CancellationToken cancellation)
    {
        if (_unsupported)
        {
            return null;
        }

        await _gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (_unsupported)
            {
                return null;
            }

            if (_call is null)
            {
                // Not the order's token: the session outlives the order that opened it.
                _call = trading.OrderSession(cancellationToken: CancellationToken.None);
                Opened++;
            }

            using var answer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            answer.CancelAfter(answerTimeout);
            try
            {
                try
                {
                    await _call.RequestStream.WriteAsync(command, answer.Token).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Why the write failed is read from the response just below.
                catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    // A write fails on its own when the call already ended at the gateway (refused as it opened,
                    // UNIMPLEMENTED, the gateway gone), and then says only how the stream broke under it: CANCELLED
                    // for a reset stream, or the transport's own exception (an IOException: Grpc.Net.Client turns
                    // only cancellations into an RpcException). Why the call ended is in its response.
                }

                if (await _call.ResponseStream.MoveNext(answer.Token).ConfigureAwait(false)
                    && _call.ResponseStream.Current.ClientOrderId == clientOrderId)
                {
                    return _call.ResponseStream.Current;
                }
            }
            catch (RpcException e) when (GatewayRefusal.Is(e.StatusCode))
            {
                // Refused by the gateway (over the order rate, not allowed): the answer, not a reason to try again.
                End();
                return GatewayRefusal.Rejected(clientOrderId, address, e);
            }
            catch (RpcException e)
            {
                _unsupported = e.StatusCode == StatusCode.Unimplemented;
            }
            catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
            {
                // No answer in time: the unary call asks again under the same id.
            }
#pragma warning disable CA1031 // Whatever broke the session, the unary call (retries, status mapping) takes the order.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                // The transport failed under the session (the gateway went away mid-read): an exception of the
                // transport's own that escaped here stopped the trader in the chaos test.
            }

            End();
            return null;
        }
        catch (OperationCanceledException)
        {
            End();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        End();
        _gate.Dispose();
    }

    private void End()
    {
        _call?.Dispose();
        _call = null;
    }
}
