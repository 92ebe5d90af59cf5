using Grpc.Core;
using Microsoft.Extensions.Options;
using Releat.MarketData.Model;
using Releat.Trader.Core;
using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Market;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Hosting;

/// <summary>
/// Follows the gateway's live ticks of the traded symbols into the market watch: the trader's clock (staleness is
/// judged against the latest tick, not the machine's clock) and its volatility estimates. Reconnects with backoff.
/// </summary>
public sealed partial class GatewayTickWatcher(
    V1.MarketData.MarketDataClient client, MarketWatch market, IReadOnlyList<TradedAgent> agents, IOptions<TraderOptions> options, ILogger<GatewayTickWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.WatchTicks || agents.Count == 0)
        {
            return;
        }

        var request = new V1.SubscribeTicksRequest();
        request.Symbols.AddRange(agents.Select(a => a.Symbol).Distinct());
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var call = client.SubscribeTicks(request, cancellationToken: stoppingToken);
                await foreach (var tick in call.ResponseStream.ReadAllAsync(stoppingToken).ConfigureAwait(false))
                {
                    market.OnTick(tick.Symbol, new Tick(ContractTime.ToMilliseconds(tick.Time), tick.Bid, tick.Ask, tick.Last, tick.Volume, (TickFlags)tick.Flags));
                    backoff = TimeSpan.FromMilliseconds(200);
                }
            }
            catch (RpcException e) when (!stoppingToken.IsCancellationRequested)
            {
                TicksInterrupted(logger, settings.Gateway.Address, e.Status.Detail, backoff);
            }
            catch (Exception e) when (e is OperationCanceledException or RpcException && stoppingToken.IsCancellationRequested)
            {
                // Stopping: the cancelled stream ends as CANCELLED, which is no failure of the host.
                return;
            }

            try
            {
                await Task.Delay(backoff, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tick stream from {Gateway} interrupted: {Problem}; reconnecting in {Backoff}")]
    private static partial void TicksInterrupted(ILogger logger, string gateway, string problem, TimeSpan backoff);
}
