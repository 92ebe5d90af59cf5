namespace Releat.SignalBus.Tests;

public sealed class InMemorySignalBusTests : SignalBusContract
{
    protected override ISignalBus CreateBus(int maxLength = 10_000) => new InMemory.InMemorySignalBus(maxLength);
}
