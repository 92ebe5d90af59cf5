using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Releat.Mt5Bridge.Protocol;
using Releat.Mt5Bridge.Terminal;
using Releat.Mt5Gateway.Api;
using Releat.Mt5Gateway.Trading;
using V1 = Releat.Contracts.V1;

namespace Releat.Mt5Gateway.Mt5;

/// <summary>
/// Trading on a real MT5 account through the ReleatBridge Expert Advisor. Times from the terminal are trade-server
/// time and become UTC here; a missing or silent terminal, and an order whose outcome is still unknown, surface as
/// <see cref="TerminalUnavailableException"/> (ask again with the same client order id). Positions are named by
/// their identifier (POSITION_IDENTIFIER, the DEAL_POSITION_ID of their deals), never by their ticket.
/// </summary>
public sealed class Mt5Venue(TerminalBridge bridge) : ITradingVenue
{
    public async Task<V1.OrderResult> SendOrderAsync(V1.OrderRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await bridge.SendOrderAsync(
            request.ClientOrderId, request.Symbol, request.Side == V1.OrderSide.Buy, request.Volume, request.StopLoss,
            request.TakeProfit, request.Magic, cancellation).ConfigureAwait(false);
        return ToContract(request.ClientOrderId, result);
    }

    public async Task<V1.OrderResult> ClosePositionAsync(V1.ClosePositionRequest request, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await bridge.ClosePositionAsync(request.ClientOrderId, request.PositionId, request.Volume, cancellation)
            .ConfigureAwait(false);
        return ToContract(request.ClientOrderId, result);
    }

    public async Task<IReadOnlyList<V1.Position>> GetPositionsAsync(string symbol, CancellationToken cancellation)
    {
        var session = bridge.RequireSession();
        var positions = await session.GetPositionsAsync(cancellation).ConfigureAwait(false);
        return
        [
            .. positions.Where(p => symbol.Length == 0 || p.Symbol == symbol).Select(p => new V1.Position
            {
                PositionId = p.Identifier,
                Symbol = p.Symbol,
                Direction = p.IsBuy ? V1.PositionDirection.Long : V1.PositionDirection.Short,
                Volume = p.Volume,
                OpenPrice = p.OpenPrice,
                OpenTime = ContractMapping.ToTimestamp(session.ToUtcMilliseconds(p.OpenServerTimeMs)),
                StopLoss = p.StopLoss,
                TakeProfit = p.TakeProfit,
                CurrentPrice = p.CurrentPrice,
                Profit = p.Profit,
                Swap = p.Swap,
                Magic = p.Magic,
                Comment = p.Comment,
            }),
        ];
    }

    public async Task<V1.AccountInfo> GetAccountAsync(CancellationToken cancellation)
    {
        var session = bridge.RequireSession();
        var account = await session.GetAccountAsync(cancellation).ConfigureAwait(false);
        return ToContract(session, account);
    }

    /// <summary>Account updates as the terminal pushes them (every few seconds).</summary>
    public async IAsyncEnumerable<V1.TradeEvent> WatchEventsAsync([EnumeratorCancellation] CancellationToken cancellation)
    {
        var session = bridge.RequireSession();
        var updates = Channel.CreateBounded<AccountMessage>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        void OnAccount(AccountMessage account) => updates.Writer.TryWrite(account);
        session.AccountReceived += OnAccount;
        try
        {
            await foreach (var account in updates.Reader.ReadAllAsync(cancellation).ConfigureAwait(false))
            {
                var info = ToContract(session, account);
                yield return new V1.TradeEvent { Time = info.Time, Account = info };
            }
        }
        finally
        {
            session.AccountReceived -= OnAccount;
        }
    }

    private static V1.AccountInfo ToContract(TerminalSession session, AccountMessage account) => new()
    {
        Login = session.Info.Login,
        Server = session.Info.Server,
        Currency = session.Info.Currency,
        Mode = session.Info.Hedging ? V1.AccountMode.Hedging : V1.AccountMode.Netting,
        Balance = account.Balance,
        Equity = account.Equity,
        Margin = account.Margin,
        FreeMargin = account.FreeMargin,
        MarginLevel = account.MarginLevel,
        Leverage = session.Info.Leverage,
        Simulated = false,
        Time = ContractMapping.ToTimestamp(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()),
    };

    /// <summary>
    /// The order's outcome in the contract's terms. Money follows the trader's convention: profit is the deals'
    /// realised profit plus their swap (the contract has no swap field for a fill), commission is a positive cost
    /// (MT5 books it negative).
    /// </summary>
    private V1.OrderResult ToContract(string clientOrderId, ResultMessage result)
    {
        var meaning = TradeRetcodes.Meaning(result.Retcode);
        var state = meaning switch
        {
            RetcodeMeaning.Filled when result.Succeeded => V1.OrderState.Filled,
            RetcodeMeaning.PartlyFilled when result.Succeeded => V1.OrderState.PartiallyFilled,
            RetcodeMeaning.Pending => V1.OrderState.Submitted,
            _ => V1.OrderState.Rejected,
        };
        var filled = state is V1.OrderState.Filled or V1.OrderState.PartiallyFilled;
        return new V1.OrderResult
        {
            ClientOrderId = clientOrderId,
            OrderId = result.Order,
            State = state,
            Retcode = result.Retcode,
            Message = result.Comment,
            FilledVolume = filled ? result.Volume : 0,
            FillPrice = filled ? result.Price : 0,
            FillTime = ContractMapping.ToTimestamp(bridge.Session?.ToUtcMilliseconds(result.ServerTimeMs) ?? result.ServerTimeMs),
            PositionId = filled ? result.PositionId : 0,
            Profit = filled ? result.Profit + result.Swap : 0,
            Commission = filled ? -result.Commission : 0,
        };
    }
}
