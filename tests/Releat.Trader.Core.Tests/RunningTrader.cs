using Releat.SignalBus;
using Releat.Trader.Core.Engine;
using Releat.Trader.Core.Journal;

namespace Releat.Trader.Core.Tests;

/// <summary>The trader's consumer loop running in the background over a harness, as the service host runs it.</summary>
internal sealed class RunningTrader : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private RunningTrader(TraderLoop loop)
    {
        Loop = loop;
        Run = Task.Run(() => loop.RunAsync(_stop.Token));
    }

    public TraderLoop Loop { get; }

    /// <summary>Faults with the crash that stopped it, or ends cancelled when stopped.</summary>
    public Task Run { get; }

    public static RunningTrader Start(TraderHarness trader, ISignalBus bus, params string[] agents) => new(new TraderLoop(
        trader.Engine,
        bus,
        new SignalSubscription("trader", "trader-1", agents.Length > 0 ? agents : [.. trader.Agents.Select(a => a.AgentId)])
        {
            ClaimIdleAfter = TimeSpan.FromSeconds(1),
        },
        new TraderLoopOptions { ReceiveWait = TimeSpan.FromMilliseconds(200), Backoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(500) }));

    /// <summary>Stops the loop (as a kill would: whatever is in flight is abandoned) and waits for it.</summary>
    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await Run;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
        catch (SimulatedCrash)
        {
            // Already dead.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    /// <summary>Waits until the journal shows every listed signal batch done, or the loop died.</summary>
    public static async Task<bool> WaitForDoneAsync(TraderHarness trader, Task run, ICollection<string> batches, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !run.IsCompleted)
        {
            var done = TradeJournalReader.Read(trader.JournalPath).Entries
                .Where(e => e.Kind == JournalKinds.Done && e.Batch is not null).Select(e => e.Batch!).ToHashSet();
            if (batches.All(done.Contains))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
