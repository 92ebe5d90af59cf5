using Releat.Trader.Core.Orders;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Tests;

/// <summary>
/// A broker in a box for the trader's tests: fills every order at once at the current price, keeps hedging-style
/// positions, answers a repeated client order id with the first result (as the gateway does), and records each order
/// it really executed. It can fail calls (gateway down) or "crash" the caller after executing (the process dies
/// before it hears the answer). It outlives trader restarts, as a real broker does.
/// </summary>
internal sealed class RecordingOrderGateway : IOrderGateway
{
    private const double ContractSize = 100_000;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, V1.OrderResult> _results = new(StringComparer.Ordinal);
    private readonly Dictionary<long, V1.Position> _positions = [];
    private long _nextId = 1;

    public double Price { get; set; } = 1.1000;

    public double Balance { get; private set; } = 10_000;

    public double CommissionPerLot { get; set; }

    /// <summary>Market time reported with the account, like the gateway's; null reports none.</summary>
    public long? AccountTimeMs { get; set; }

    /// <summary>Orders really executed, in order (a repeated id is not executed again).</summary>
    public List<V1.OrderResult> Executed { get; } = [];

    public List<string> ExecutedIds { get; } = [];

    /// <summary>Calls to fail with UNAVAILABLE before answering again.</summary>
    public int FailingCalls { get; set; }

    /// <summary>When set, the order with this index (0-based, counting executions) executes, then the caller "crashes".</summary>
    public int? CrashAfterExecution { get; set; }

    public int Calls { get; private set; }

    /// <summary>Orders answer SUBMITTED (no fill yet) this many times before they fill.</summary>
    public int SubmittedAnswers { get; set; }

    /// <summary>The correlation id of every order and close request received (repeats included).</summary>
    public List<string> Correlations { get; } = [];

    public Task<V1.OrderResult> SendOrderAsync(V1.OrderRequest request, CancellationToken cancellation = default)
    {
        Correlations.Add(request.CorrelationId);
        return SendAsync(request);
    }

    private Task<V1.OrderResult> SendAsync(V1.OrderRequest request) =>
        Task.FromResult(Order(request.ClientOrderId, () =>
        {
            long id = _nextId++;
            var position = new V1.Position
            {
                PositionId = id,
                Symbol = request.Symbol,
                Direction = request.Side == V1.OrderSide.Buy ? V1.PositionDirection.Long : V1.PositionDirection.Short,
                Volume = request.Volume,
                OpenPrice = Price,
                Magic = request.Magic,
                Comment = request.Comment,
            };
            _positions[id] = position;
            double commission = CommissionPerLot * request.Volume;
            Balance -= commission;
            return Filled(request.ClientOrderId, id, request.Volume, commission, 0);
        }));

    public Task<V1.OrderResult> ClosePositionAsync(V1.ClosePositionRequest request, CancellationToken cancellation = default)
    {
        Correlations.Add(request.CorrelationId);
        return CloseAsync(request);
    }

    private Task<V1.OrderResult> CloseAsync(V1.ClosePositionRequest request) =>
        Task.FromResult(Order(request.ClientOrderId, () =>
        {
            if (!_positions.TryGetValue(request.PositionId, out var position))
            {
                return new V1.OrderResult { ClientOrderId = request.ClientOrderId, State = V1.OrderState.Rejected, Retcode = 10036, Message = "position closed" };
            }

            double volume = request.Volume > 0 ? Math.Min(request.Volume, position.Volume) : position.Volume;
            double profit = ProfitOf(position) * volume / position.Volume;
            position.Volume = Math.Round(position.Volume - volume, 8);
            if (position.Volume <= 0)
            {
                _positions.Remove(position.PositionId);
            }

            double commission = CommissionPerLot * volume;
            Balance += profit - commission;
            return Filled(request.ClientOrderId, position.PositionId, volume, commission, profit);
        }));

    public Task<IReadOnlyList<V1.Position>> GetPositionsAsync(CancellationToken cancellation = default)
    {
        lock (_gate)
        {
            Enter();
            IReadOnlyList<V1.Position> positions = [.. _positions.Values.Select(p =>
            {
                var copy = p.Clone();
                copy.CurrentPrice = Price;
                copy.Profit = ProfitOf(p);
                return copy;
            })];
            return Task.FromResult(positions);
        }
    }

    public Task<V1.AccountInfo> GetAccountAsync(CancellationToken cancellation = default)
    {
        lock (_gate)
        {
            Enter();
            return Task.FromResult(new V1.AccountInfo
            {
                Balance = Balance,
                Equity = Balance + _positions.Values.Sum(ProfitOf),
                Simulated = true,
                Time = AccountTimeMs is { } ms ? ContractTime.ToTimestamp(ms) : null,
            });
        }
    }

    /// <summary>Closes a position behind the trader's back (a stop loss at the broker).</summary>
    public void CloseExternally(long positionId)
    {
        lock (_gate)
        {
            var position = _positions[positionId];
            Balance += ProfitOf(position);
            _positions.Remove(positionId);
        }
    }

    public IReadOnlyList<V1.Position> OpenPositions()
    {
        lock (_gate)
        {
            return [.. _positions.Values.Select(p => p.Clone())];
        }
    }

    private V1.OrderResult Order(string clientOrderId, Func<V1.OrderResult> execute)
    {
        lock (_gate)
        {
            Enter();
            if (SubmittedAnswers > 0)
            {
                SubmittedAnswers--;
                return new V1.OrderResult { ClientOrderId = clientOrderId, OrderId = 999, State = V1.OrderState.Submitted, Retcode = 10008 };
            }

            if (_results.TryGetValue(clientOrderId, out var first))
            {
                return first;
            }

            var result = execute();
            _results[clientOrderId] = result;
            Executed.Add(result);
            ExecutedIds.Add(clientOrderId);
            if (CrashAfterExecution == Executed.Count - 1)
            {
                CrashAfterExecution = null;
                throw new SimulatedCrash($"the trader died after {clientOrderId} executed");
            }

            return result;
        }
    }

    private void Enter()
    {
        Calls++;
        if (FailingCalls > 0)
        {
            FailingCalls--;
            throw new OrderGatewayUnavailableException("gateway down (test)");
        }
    }

    private double ProfitOf(V1.Position position) =>
        (position.Direction == V1.PositionDirection.Long ? Price - position.OpenPrice : position.OpenPrice - Price) * position.Volume * ContractSize;

    private V1.OrderResult Filled(string clientOrderId, long positionId, double volume, double commission, double profit) => new()
    {
        ClientOrderId = clientOrderId,
        OrderId = Executed.Count + 1,
        State = V1.OrderState.Filled,
        Retcode = 10009,
        FilledVolume = volume,
        FillPrice = Price,
        FillTime = AccountTimeMs is { } ms ? ContractTime.ToTimestamp(ms) : null,
        PositionId = positionId,
        Commission = commission,
        Profit = profit,
    };
}

/// <summary>Stands for the trader process dying at a chosen point.</summary>
internal sealed class SimulatedCrash(string message) : Exception(message);
