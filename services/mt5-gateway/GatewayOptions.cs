using Releat.MarketData.Trading;

namespace Releat.Mt5Gateway;

/// <summary>Which market the gateway connects to. Section "Gateway" of the configuration.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Simulated (replay or synthetic ticks against the simulated broker) or Mt5 (a real terminal).</summary>
    public GatewayBackend Backend { get; set; } = GatewayBackend.Simulated;

    /// <summary>Where tick and candle stores live; RELEAT_HOME when unset.</summary>
    public string? DataRoot { get; set; }

    /// <summary>Symbols to stream live; EURUSD when none is configured.</summary>
    /// <remarks>No default in the list itself: the configuration binder appends to a list, it does not replace it.</remarks>
    public IList<string> Symbols { get; } = [];

    /// <summary>Append every live tick to the tick store, so other services can catch up after a restart.</summary>
    public bool RecordTicks { get; set; } = true;

    /// <summary>Ticks a live subscriber may fall behind before it is disconnected with RESOURCE_EXHAUSTED.</summary>
    public int SubscriberQueueCapacity { get; set; } = 65_536;

    /// <summary>How long SendOrder waits for the simulated fill on the next tick before answering SUBMITTED.</summary>
    public TimeSpan FillWait { get; set; } = TimeSpan.FromSeconds(10);

    public SimulatedMarketOptions Simulated { get; set; } = new();

    public string ResolveDataRoot() =>
        DataRoot ?? Environment.GetEnvironmentVariable("RELEAT_HOME") ?? Path.Combine(Environment.CurrentDirectory, "data");
}

public enum GatewayBackend
{
    Simulated,
    Mt5,
}

/// <summary>The simulated market: where its ticks come from, how fast they play, and the paper account.</summary>
public sealed class SimulatedMarketOptions
{
    /// <summary>Synthetic ticks from the seeded generator, or a replay of the tick store.</summary>
    public SimulatedTickSource Source { get; set; } = SimulatedTickSource.Synthetic;

    /// <summary>
    /// Market time the feed starts at (UTC). The simulated market runs on its own clock, the ticks' time, so a
    /// paper session behaves the same on any day of the week. Synthetic default: 2024-01-08; store default: its first tick.
    /// </summary>
    public DateTime? Start { get; set; }

    /// <summary>Market time the feed stops at (exclusive); none = forever (synthetic) or the store's end.</summary>
    public DateTime? End { get; set; }

    /// <summary>1 = real time, 10 = ten times faster, 0 = as fast as possible.</summary>
    public double Speed { get; set; } = 1;

    public ulong Seed { get; set; } = 1;

    /// <summary>Strength of the generator's planted momentum pattern; 0 = pure random walk.</summary>
    public double MomentumStrength { get; set; }

    public string AccountCurrency { get; set; } = "USD";

    public double InitialBalance { get; set; } = 10_000;

    public AccountMode AccountMode { get; set; } = AccountMode.Hedging;

    public long LatencyMs { get; set; }
}

public enum SimulatedTickSource
{
    Synthetic,
    Store,
}
