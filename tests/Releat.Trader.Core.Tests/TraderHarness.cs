using Releat.Agents.Config;
using Releat.Contracts.V1;
using Releat.Trader.Core.Agents;
using Releat.Trader.Core.Engine;
using Releat.Trader.Core.Journal;
using Releat.Trader.Core.Market;
using Releat.Trader.Core.Orders;

namespace Releat.Trader.Core.Tests;

/// <summary>
/// An engine with a journal in a temp folder, a market clock the test moves, and the recording broker. Restart
/// throws the engine away (as a crashed process) and builds a new one on the same journal and broker.
/// </summary>
internal sealed class TraderHarness : IDisposable
{
    private readonly Func<TraderEngineOptions> _options;
    private readonly IOrderGateway _gateway;

    public TraderHarness(Func<TraderEngineOptions>? options = null, params TradedAgent[] agents)
        : this(gateway: null, options, agents)
    {
    }

    /// <summary>An engine trading on another venue than the recording broker (a gateway over gRPC).</summary>
    public TraderHarness(IOrderGateway? gateway, Func<TraderEngineOptions>? options = null, params TradedAgent[] agents)
    {
        _options = options ?? (() => new TraderEngineOptions());
        _gateway = gateway ?? Broker;
        Agents = agents.Length > 0 ? agents : [Agent("t1")];
        Folder = Path.Combine(Path.GetTempPath(), "releat-trader-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        Build();
    }

    public IReadOnlyList<TradedAgent> Agents { get; }

    public string Folder { get; }

    public string JournalPath => Path.Combine(Folder, "journal.jsonl");

    public RecordingOrderGateway Broker { get; } = new();

    public MarketWatch Market { get; private set; } = null!;

    public TraderEngine Engine { get; private set; } = null!;

    public TradeJournal Journal { get; private set; } = null!;

    public static TradedAgent Agent(string id, double lotSizePerUnit = 0.01, int maxUnits = 2, double dailyLossLimit = 100, double staleSeconds = 5) =>
        new(id, "EURUSD", new ActionSpaceConfig(2).Actions, lotSizePerUnit, maxUnits, dailyLossLimit, TimeSpan.FromSeconds(staleSeconds));

    public async Task StartAsync()
    {
        Market.Advance(TradeSignals.Start);
        await Engine.StartAsync();
    }

    /// <summary>Moves the market clock to the signal's decision time (plus a little) and hands the signal over.</summary>
    public Task<SignalOutcome> HandleAsync(Signal signal, long delayMs = 100)
    {
        Market.Advance(ContractTime.ToMilliseconds(signal.DecisionTime) + delayMs);
        return Engine.HandleAsync(signal, "0-0");
    }

    /// <summary>Throws the engine away as a crash would; <paramref name="whileDown"/> runs with the journal closed.</summary>
    public void Restart(Action? whileDown = null)
    {
        Engine.Dispose();
        Journal.Dispose();
        whileDown?.Invoke();
        Build();
    }

    public IReadOnlyList<JournalEntry> ReadJournal() => TradeJournalReader.Read(JournalPath).Entries;

    public void Dispose()
    {
        Engine.Dispose();
        Journal.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private void Build()
    {
        Market = new MarketWatch();
        Journal = TradeJournal.Open(JournalPath);
        Engine = new TraderEngine(Agents, _gateway, Journal, Market, _options());
    }
}
