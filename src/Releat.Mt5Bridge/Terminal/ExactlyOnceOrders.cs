using System.Collections.Concurrent;
using Releat.Mt5Bridge.Protocol;

namespace Releat.Mt5Bridge.Terminal;

/// <summary>
/// Carries each client order id to one outcome, whatever the terminal, the connection or the broker's server do:
/// <list type="bullet">
/// <item>a final outcome (a whole fill, a refusal) is kept, and a retry is answered with it: nothing is sent again;</item>
/// <item>a RESULT that comes after its request gave up is kept under its id the same way;</item>
/// <item>an id already sent once is first looked up in the terminal (FIND: memory, positions, orders, history), and
///   sent again only when the terminal says nothing traded under it (the EA refuses a second trade itself too);</item>
/// <item>an unknown outcome (timeout, no connection, error, no code, done without a deal yet) and a placed order are
///   asked about until the order's deadline, and become a fill, a refusal (nothing found) or stay unknown
///   (<see cref="TerminalUnavailableException"/>: the caller may ask again with the same id);</item>
/// <item>a requote or a changed price is sent again until the deadline;</item>
/// <item>a fill is only a fill with its position identifier; a partial fill is reported as such and looked up again
///   on a retry, as is a placed order.</item>
/// </list>
/// </summary>
public sealed class ExactlyOnceOrders
{
    private readonly Func<TerminalSession> _session;
    private readonly Mt5BridgeOptions _options;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, ResultMessage> _final = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _sent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<ResultMessage>>> _running = new(StringComparer.Ordinal);
    private long _sends;
    private long _questions;

    public ExactlyOnceOrders(Func<TerminalSession> session, Mt5BridgeOptions options, TimeProvider time)
    {
        _session = session;
        _options = options;
        _time = time;
    }

    /// <summary>ORDER or CLOSE lines sent to terminals, for tests and metrics.</summary>
    public long Sends => Interlocked.Read(ref _sends);

    /// <summary>FIND questions asked of terminals, for tests and metrics.</summary>
    public long Questions => Interlocked.Read(ref _questions);

    /// <summary>The outcome kept for this id, if it is final.</summary>
    public ResultMessage? FinalOutcome(string clientOrderId) => _final.GetValueOrDefault(clientOrderId);

    /// <summary>Keeps a RESULT that arrived for any request, answered in time or late: a whole fill is final.</summary>
    public void Observe(ResultMessage result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Succeeded && result.Retcode == TradeRetcodes.Done)
        {
            _final.TryAdd(result.ClientOrderId, result);
        }
    }

    /// <summary>
    /// The outcome of the order <paramref name="clientOrderId"/>; <paramref name="send"/> sends its ORDER or CLOSE
    /// line on a session and is called only when the terminal has nothing traded under the id.
    /// </summary>
    public async Task<ResultMessage> RunAsync(
        string clientOrderId, Func<TerminalSession, CancellationToken, Task<ResultMessage>> send, CancellationToken cancellation)
    {
        GatewayCommands.ClientOrderId(clientOrderId);
        if (_final.TryGetValue(clientOrderId, out var known))
        {
            return known;
        }

        // Callers with the same id share one attempt, which is not bound to the first caller's cancellation.
        var attempt = _running.GetOrAdd(clientOrderId, id => new Lazy<Task<ResultMessage>>(() => ResolveAsync(id, send)));
        try
        {
            return await attempt.Value.WaitAsync(cancellation).ConfigureAwait(false);
        }
        finally
        {
            if (attempt.IsValueCreated && attempt.Value.IsCompleted)
            {
                _running.TryRemove(new KeyValuePair<string, Lazy<Task<ResultMessage>>>(clientOrderId, attempt));
            }
        }
    }

    private async Task<ResultMessage> ResolveAsync(string clientOrderId, Func<TerminalSession, CancellationToken, Task<ResultMessage>> send)
    {
        await Task.Yield();
        var deadline = _time.GetUtcNow() + _options.OrderDeadline;
        var ask = _sent.ContainsKey(clientOrderId);
        ResultMessage? last = null;
        while (true)
        {
            if (_final.TryGetValue(clientOrderId, out var kept))
            {
                return kept;
            }

            if (ask)
            {
                Interlocked.Increment(ref _questions);
                var found = await _session().FindAsync(clientOrderId, CancellationToken.None).ConfigureAwait(false);
                if (found is null && (last is null || TradeRetcodes.Meaning(last.Retcode) == RetcodeMeaning.Transient))
                {
                    // Nothing traded under the id, and nothing we sent may still trade: sending is safe.
                    ask = false;
                    continue;
                }

                if (found is null)
                {
                    // Sent with an unknown outcome and not found: look again until the deadline, then it did not trade.
                    if (await PauseUnlessPast(deadline).ConfigureAwait(false))
                    {
                        continue;
                    }

                    return Keep(last! with
                    {
                        Retcode = last!.Retcode == 0 ? TradeRetcodes.Error : last.Retcode,
                        Comment = $"not executed: retcode {last.Retcode} ({last.Comment}), and the terminal found no position, order or deal for it",
                    });
                }

                last = found;
            }
            else
            {
                _sent[clientOrderId] = 1;
                Interlocked.Increment(ref _sends);
                try
                {
                    last = await send(_session(), CancellationToken.None).ConfigureAwait(false);
                }
                catch (TerminalUnavailableException)
                {
                    // No answer: ask the terminal (behind the order, if it is still being executed) what happened.
                    last = null;
                    ask = true;
                    continue;
                }
            }

            switch (TradeRetcodes.Meaning(last.Retcode))
            {
                case RetcodeMeaning.Filled when last.Succeeded:
                    return Keep(last);
                case RetcodeMeaning.PartlyFilled when last.Succeeded:
                    return last;
                case RetcodeMeaning.Refused:
                    return Keep(last);
                case RetcodeMeaning.Transient:
                    if (await PauseUnlessPast(deadline).ConfigureAwait(false))
                    {
                        ask = false;
                        continue;
                    }

                    return Keep(last);
                default:
                    // Placed, unknown, or done without its deal yet: ask until the deadline.
                    if (await PauseUnlessPast(deadline).ConfigureAwait(false))
                    {
                        ask = true;
                        continue;
                    }

                    if (TradeRetcodes.Meaning(last.Retcode) == RetcodeMeaning.Pending)
                    {
                        return last;
                    }

                    throw new TerminalUnavailableException(
                        $"MT5 order {clientOrderId}: outcome still unknown after {_options.OrderDeadline.TotalSeconds:0.#} s " +
                        $"(retcode {last.Retcode}, {last.Comment}); ask again with the same client order id");
            }
        }
    }

    private ResultMessage Keep(ResultMessage result) => _final.GetOrAdd(result.ClientOrderId, result);

    /// <summary>Waits one poll interval and says true, or says false when that would pass the deadline.</summary>
    private async Task<bool> PauseUnlessPast(DateTimeOffset deadline)
    {
        if (_time.GetUtcNow() + _options.PollInterval > deadline)
        {
            return false;
        }

        await Task.Delay(_options.PollInterval, _time).ConfigureAwait(false);
        return true;
    }
}
