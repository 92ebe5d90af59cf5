using Microsoft.Extensions.Logging.Abstractions;
using Releat.MarketData.Model;
using Releat.MarketData.Time;
using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Engine;
using Releat.Trader.Core.Journal;
using Releat.Trader.Core.Market;
using Releat.Trader.Core.Risk;
using V1 = Releat.Contracts.V1;

namespace Releat.Trader.Core.Tests;

/// <summary>
/// The risk engine on its own: it owns the trading state, journals every change and rebuilds the same state from its
/// own lines, which is what lets the trader restart without the rest of the engine.
/// </summary>
public sealed class RiskEngineTests : IDisposable
{
    private static readonly long Day1 = TradeSignals.Start;
    private static readonly long Day2 = TradeSignals.Start + UtcTime.MsPerDay;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "releat-risk-engine-tests", Guid.NewGuid().ToString("N"));

    public RiskEngineTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void The_trading_state_is_rebuilt_from_the_risk_engines_own_journal_lines()
    {
        string path = Path.Combine(_folder, "journal.jsonl");
        V1.TraderStatus written;
        long writtenDay;
        using (var journal = TradeJournal.Open(path))
        {
            var risk = NewRiskEngine(journal, accountLimit: 100);
            risk.Observe([], equity: 1_000);
            risk.TurnDayIfNew(Day1);
            risk.Observe([], equity: 880);
            Assert.True(risk.PauseIfAccountOverDailyLimit());
            Assert.False(risk.PauseIfAccountOverDailyLimit()); // once a day
            risk.Engage("test");
            journal.Sync();
            written = Describe(risk);
            writtenDay = risk.Day;
        }

        using var reopened = TradeJournal.Open(path);
        var replayed = NewRiskEngine(reopened, accountLimit: 100);
        foreach (var entry in reopened.Contents.Entries)
        {
            Assert.True(replayed.Replay(entry), $"a {entry.Kind} line the risk engine wrote is its own to replay");
        }

        var status = Describe(replayed);
        Assert.Equal(writtenDay, replayed.Day);
        Assert.True(replayed.KillSwitch);
        Assert.True(replayed.IsPaused);
        Assert.Equal(written.PauseReason, status.PauseReason);
        Assert.Equal(written.KillSwitch, status.KillSwitch);
        Assert.Equal(written.Paused, status.Paused);
    }

    [Fact]
    public void A_pause_for_the_account_loss_limit_ends_with_the_utc_day_and_an_operators_pause_does_not()
    {
        using var journal = TradeJournal.Open(Path.Combine(_folder, "journal.jsonl"));
        var risk = NewRiskEngine(journal, accountLimit: 100);
        risk.Observe([], equity: 1_000);
        risk.TurnDayIfNew(Day1);
        risk.Observe([], equity: 850);
        Assert.True(risk.PauseIfAccountOverDailyLimit());

        risk.TurnDayIfNew(Day2);
        Assert.False(risk.IsPaused);

        risk.Pause("operator");
        risk.TurnDayIfNew(Day2 + UtcTime.MsPerDay);
        Assert.True(risk.IsPaused);
        risk.Resume();
        Assert.False(risk.IsPaused);
    }

    [Fact]
    public void An_unknown_equity_never_fires_the_account_loss_limit_and_resuming_is_refused_while_killed()
    {
        using var journal = TradeJournal.Open(Path.Combine(_folder, "journal.jsonl"));
        var risk = NewRiskEngine(journal, accountLimit: 100);
        risk.Observe([], equity: double.NaN);
        risk.TurnDayIfNew(Day1);

        Assert.False(risk.PauseIfAccountOverDailyLimit());

        risk.Engage("operator");
        var refused = Assert.Throws<InvalidOperationException>(risk.Resume);
        Assert.Contains("kill switch engaged (operator)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_order_that_would_pass_the_symbol_or_total_exposure_limit_is_named_and_one_that_fits_is_not()
    {
        using var journal = TradeJournal.Open(Path.Combine(_folder, "journal.jsonl"));
        var risk = NewRiskEngine(journal, accountLimit: 0, maxLotsPerSymbol: 1, maxTotalLots: 1.5);
        risk.Observe(
            [
                new V1.Position { PositionId = 1, Symbol = "EURUSD", Volume = 0.8 },
                new V1.Position { PositionId = 2, Symbol = "GBPUSD", Volume = 0.5 },
            ],
            equity: 1_000);

        Assert.Null(risk.ExposureBreach("EURUSD", 0.2));
        Assert.Equal(RejectReasons.MaxSymbolLots, risk.ExposureBreach("EURUSD", 0.3)?.Reason);
        Assert.Equal(RejectReasons.MaxTotalLots, risk.ExposureBreach("USDJPY", 0.3)?.Reason);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static RiskEngine NewRiskEngine(TradeJournal journal, double accountLimit, double maxLotsPerSymbol = 0, double maxTotalLots = 0)
    {
        var settings = new RiskSettings { AccountDailyLossLimit = accountLimit, MaxLotsPerSymbol = maxLotsPerSymbol, MaxTotalLots = maxTotalLots };
        var books = new AgentBooks([TraderHarness.Agent("t1")], SymbolCatalog.Defaults);
        return new RiskEngine(settings, books, journal, new TraderClock(new MarketWatch(), TimeProvider.System), NullLogger.Instance, killSwitchFile: null);
    }

    private static V1.TraderStatus Describe(RiskEngine risk)
    {
        var status = new V1.TraderStatus();
        risk.Describe(status);
        return status;
    }
}
