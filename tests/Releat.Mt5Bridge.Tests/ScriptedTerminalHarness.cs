using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Releat.Mt5Bridge.Protocol;
using Releat.Mt5Bridge.Terminal;
using Releat.Testing.Mt5;

namespace Releat.Mt5Bridge.Tests;

/// <summary>
/// A bridge on a fake clock and a trade server on the same clock, with terminals that play the EA. Waits advance the
/// fake clock in steps until the awaited task ends (no real waiting decides an outcome; a real deadline bounds it).
/// </summary>
internal sealed class ScriptedTerminalHarness : IAsyncDisposable
{
    public const string Secret = "scripted-secret";

    private ScriptedTerminalHarness(Mt5BridgeOptions options, bool hedging)
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        Server = new FakeTradeServer(Clock, hedging, brokerSymbols: options.SymbolMap.Values);
        Bridge = new TerminalBridge(options, NullLogger<TerminalBridge>.Instance, Clock);
        Bridge.Start();
    }

    public FakeTimeProvider Clock { get; }

    public FakeTradeServer Server { get; }

    public TerminalBridge Bridge { get; }

    public EaMemory Memory { get; } = new();

    public static ScriptedTerminalHarness Start(Action<Mt5BridgeOptions>? configure = null, bool hedging = true)
    {
        var options = new Mt5BridgeOptions { Port = 0, SharedSecret = Secret, OrderDeadline = TimeSpan.FromSeconds(30) };
        configure?.Invoke(options);
        return new ScriptedTerminalHarness(options, hedging);
    }

    public async Task<SimulatedTerminal> ConnectAsync(string login = "5001234", string tradeMode = "demo")
    {
        var terminal = await SimulatedTerminal.ConnectAsync(Bridge.Port, Secret, Server, Memory, login, tradeMode);
        if (terminal.Greeting == "WELCOME")
        {
            await Until(() => Bridge.Session is { IsOpen: true } session && session.Info.Login == login);
        }

        return terminal;
    }

    public Task<ResultMessage> Buy(string clientOrderId, double volume = 0.1) =>
        Bridge.SendOrderAsync(clientOrderId, "EURUSD", buy: true, volume, 0, 0, 42, CancellationToken.None);

    /// <summary>Advances the fake clock by <paramref name="step"/> until the task ends; fails after 20 s of real time.</summary>
    public async Task<T> Drive<T>(Task<T> task, TimeSpan? step = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!task.IsCompleted)
        {
            Assert.True(DateTime.UtcNow < deadline, "the order did not end within 20 s of real time");
            await Task.WhenAny(task, Task.Delay(5));
            if (!task.IsCompleted)
            {
                Clock.Advance(step ?? TimeSpan.FromMilliseconds(250));
            }
        }

        return await task;
    }

    /// <summary>Advances the fake clock in small steps until the condition holds; fails after 10 s of real time.</summary>
    public async Task DriveUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(5);
            Clock.Advance(TimeSpan.FromMilliseconds(100));
        }
    }

    public static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10 s");
            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync() => await Bridge.DisposeAsync();
}
